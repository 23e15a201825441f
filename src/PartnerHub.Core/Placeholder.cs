namespace PartnerHub.Core;
