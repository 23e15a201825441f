namespace PartnerHub.Api.Dashboard.Course;

/// <summary>A teacher asked from the booking panel, with the request id made when the form opened (a second press is the same request).</summary>
public sealed record TeacherRequest(string? TeacherId, string? Note, string RequestId);
