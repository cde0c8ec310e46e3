using TorchSharp;
using static TorchSharp.torch;

namespace AutoLR.Torch.Training;

/// <summary>
/// A <see cref="TrainingSnapshot"/> as a byte stream, for checkpoints: the host saves the epoch-start state with the
/// controller state and resumes bit-identically on the same device kind. Format: a tag, then named tensors
/// (network, momentum, torch generator) in TorchSharp's tensor format, then the flip generator state.
/// </summary>
public static class SnapshotFile
{
    private const string Tag = "autolr-training-snapshot/1";

    public static void Save(TrainingSnapshot snapshot, Stream stream)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(Tag);
        writer.Write(snapshot.Network.Count);
        foreach (var (name, tensor) in snapshot.Network)
        {
            writer.Write(name);
            WriteTensor(writer, tensor);
        }
        writer.Write(snapshot.Momentum.Count);
        foreach (var buffer in snapshot.Momentum)
        {
            writer.Write(buffer is not null);
            if (buffer is not null) WriteTensor(writer, buffer);
        }
        WriteTensor(writer, snapshot.TorchGeneratorState);
        writer.Write(snapshot.FlipGeneratorState);
    }

    /// <summary>Reads a snapshot onto the CPU; <see cref="TrainingSnapshot.RestoreInto"/> copies it to the trainer's device.</summary>
    public static TrainingSnapshot Load(Stream stream)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        var tag = reader.ReadString();
        if (tag != Tag)
            throw new InvalidDataException($"Not a training snapshot (found tag '{tag}', expected '{Tag}'): pass a file written by SnapshotFile.Save.");
        var network = new Dictionary<string, Tensor>();
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadString();
            network[name] = ReadTensor(reader);
        }
        var momentum = new Tensor?[reader.ReadInt32()];
        for (var i = 0; i < momentum.Length; i++) momentum[i] = reader.ReadBoolean() ? ReadTensor(reader) : null;
        var generator = ReadTensor(reader);
        return TrainingSnapshot.FromParts(network, momentum, generator, reader.ReadUInt64());
    }

    private static void WriteTensor(BinaryWriter writer, Tensor tensor)
    {
        // TorchSharp's tensor format carries dtype and shape.
        using var cpu = tensor.detach().cpu().contiguous();
        cpu.Save(writer);
    }

    private static Tensor ReadTensor(BinaryReader reader) => Tensor.Load(reader).DetachFromDisposeScope();
}
