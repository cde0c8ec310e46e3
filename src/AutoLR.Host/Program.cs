using AutoLR.Commands;
using AutoLR.Host;

return await AutoLrCommandLine.RunAsync(args, CommandEnvironment.FromProcess(), AutoLrJobs.Catalog());
