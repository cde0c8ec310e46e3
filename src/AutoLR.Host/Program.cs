using AutoLR.Host.Commands;
using AutoLR.Host.Jobs;

return await AutoLrCommandLine.RunAsync(args, CommandEnvironment.FromProcess(), AutoLrJobs.Catalog());
