using AutoLR.Settings;
using AutoLR.Settings.Grids;

namespace AutoLR.Commands;

/// <summary>
/// What takes the job's place once a command has passed every check that running it would (exit code 2 before it
/// otherwise): `sweep --slurm` submits the sweep's cells to Slurm and returns. The command line supplies it, so the
/// runner of commands knows nothing of Slurm. Returns the exit code.
/// </summary>
public delegate int CommandHandoff(CommandInput input, IReadOnlyList<SweepAxis> grid, RunSettings settings, CommandEnvironment environment);
