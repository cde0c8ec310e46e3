using AutoLR.Host.Commands;
using AutoLR.Host.Jobs;

// The jobs behind the commands. None is registered until the training engine is wired in: every command validates
// its configuration, then exits with code 3 saying so, rather than pretending to train.
var jobs = new JobCatalog();

return await AutoLrCommandLine.RunAsync(args, CommandEnvironment.FromProcess(), jobs);
