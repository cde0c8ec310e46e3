using System.Security.Cryptography;
using AutoLR.Runs.Checkpoints;

namespace AutoLR.Fuzz.Targets;

/// <summary>
/// A checkpoint file. The input is the checkpoint without its trailing SHA-256, which the target appends: random
/// damage is caught by the checksum, so only with a correct one does the fuzzer reach the frame and entry table.
/// </summary>
public sealed class CheckpointTarget : FuzzTarget
{
    public override string Name => "checkpoint";

    public override void Run(byte[] input)
    {
        try
        {
            CheckpointFormat.Read(ScratchFiles.Write("000001-finetune-d0-e1.ckpt", [.. input, .. SHA256.HashData(input)]));
        }
        catch (CheckpointCorruptException)
        {
        }
    }
}
