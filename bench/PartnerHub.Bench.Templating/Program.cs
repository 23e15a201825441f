using PartnerHub.Bench.Templating;

// Issue 15 point 4: our card template engine against npm adaptivecards-templating, same cards, same data, one run.
// Reports figures, asserts no timings; scripts/bench-templating.sh builds, installs the node side and runs this.
var options = TemplatingOptions.Parse(args);
if (options is null)
{
    return 2;
}

return await TemplatingRun.RunAsync(options);
