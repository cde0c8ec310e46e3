using AutoLR.Settings.Grids;

namespace AutoLR.Commands;

/// <summary>What the command line asked the worker to do, after parsing and before the job runs.</summary>
public sealed record JobRequest(CommandSpec Command, string? ResumeFolder, string? SourceRun, IReadOnlyList<SweepAxis> Grid, string? GridText);
