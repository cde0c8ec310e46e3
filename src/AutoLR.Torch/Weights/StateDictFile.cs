using System.Collections;
using AutoLR.Torch.Inputs;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace AutoLR.Torch.Weights;

/// <summary>
/// Reads and writes name → tensor dictionaries in the two formats PyTorch users exchange: <c>.safetensors</c> and
/// <c>torch.save</c>'d state dicts (<c>.pt</c>, <c>.pth</c>, <c>.bin</c>), both through TorchSharp.PyBridge. The
/// format follows the extension. Files written here load in PyTorch with <c>safetensors.torch.load_file</c> or
/// <c>torch.load</c>: CPU, contiguous, floating tensors as float32.
/// </summary>
public static class StateDictFile
{
    private static readonly string[] PickleExtensions = [".pt", ".pth", ".bin"];

    /// <summary>
    /// The largest weight file read (8 GiB): ten times a ResNet-152 in float32, so any backbone here fits, while a
    /// device or a runaway file is refused before it is read.
    /// </summary>
    public const long MaxFileBytes = 8L << 30;

    /// <summary>
    /// The dictionary in <paramref name="path"/>; the caller owns (disposes) the tensors. A safetensors header is
    /// checked whole first (<see cref="SafetensorsHeader"/>); a floating tensor holding NaN or ±infinity is refused,
    /// naming it, since training from it could only fail later as a divergence.
    /// </summary>
    public static Dictionary<string, Tensor> Read(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new WeightImportException($"{path}: weight file not found. Check the path (relative paths start at {Environment.CurrentDirectory}).");
        if (InputFile.Problem(path, MaxFileBytes) is { } problem)
            throw new WeightImportException($"{path}: cannot be read as a weight file: {problem}. Give a .safetensors, .pt, .pth or .bin file.");
        Dictionary<string, Tensor> stateDict;
        try
        {
            stateDict = FormatOf(path) switch
            {
                ".safetensors" => ReadSafetensors(path),
                _ => FromPickle(path, PyTorchUnpickler.UnpickleStateDict(path)),
            };
        }
        catch (Exception e) when (e is not WeightImportException)
        {
            throw new WeightImportException($"{path}: cannot read it as {FormatOf(path)} ({e.GetType().Name}: {NativeErrorText.Summary(e.Message)}). The file is damaged or in another format; in PyTorch, save it again with safetensors.torch.save_file(model.state_dict(), path) or torch.save(model.state_dict(), path).", e);
        }
        try
        {
            CheckFinite(path, stateDict);
        }
        catch
        {
            foreach (var t in stateDict.Values) t.Dispose();
            throw;
        }
        return stateDict;
    }

    private static Dictionary<string, Tensor> ReadSafetensors(string path)
    {
        SafetensorsHeader.Read(path);
        return Safetensors.LoadStateDict(path);
    }

    private static void CheckFinite(string path, Dictionary<string, Tensor> stateDict)
    {
        var damaged = new List<string>();
        foreach (var (name, tensor) in stateDict.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!tensor.is_floating_point()) continue;
            using var scope = NewDisposeScope();
            var nonFinite = tensor.numel() - isfinite(tensor).sum().item<long>();
            if (nonFinite > 0) damaged.Add($"{name} ({nonFinite} of {tensor.numel()} values)");
        }
        if (damaged.Count > 0)
            throw new WeightImportException(
                $"{path}: pre-trained weights hold NaN or infinite values in {string.Join(", ", damaged)}. The file is damaged or " +
                "was saved from a training run that diverged; use intact pre-trained weights.");
    }

    /// <summary>Writes <paramref name="stateDict"/> as CPU, contiguous tensors, floating ones as float32.</summary>
    public static void Write(string path, IReadOnlyDictionary<string, Tensor> stateDict)
    {
        var format = FormatOf(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var scope = NewDisposeScope();
        var portable = stateDict.ToDictionary(kv => kv.Key, kv => Portable(kv.Value));
        if (format == ".safetensors") Safetensors.SaveStateDict(path, portable);
        else PyTorchPickler.PickleStateDict(path, portable);
    }

    private static Tensor Portable(Tensor t)
    {
        var cpu = t.detach().cpu();
        if (cpu.is_floating_point() && cpu.dtype != ScalarType.Float32) cpu = cpu.to_type(ScalarType.Float32);
        return cpu.contiguous();
    }

    private static Dictionary<string, Tensor> FromPickle(string path, Hashtable table)
    {
        var result = new Dictionary<string, Tensor>();
        var notTensors = new List<string>();
        foreach (DictionaryEntry entry in table)
        {
            if (entry.Value is Tensor t) result[(string)entry.Key] = t;
            else notTensors.Add($"{entry.Key} ({entry.Value?.GetType().Name ?? "null"})");
        }
        if (notTensors.Count > 0)
        {
            foreach (var t in result.Values) t.Dispose();
            throw new WeightImportException($"{path}: not a plain state dict: entries {string.Join(", ", notTensors)} are not tensors (a training checkpoint?). In PyTorch, save the model's weights alone: torch.save(model.state_dict(), path).");
        }
        return result;
    }

    private static string FormatOf(string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension == ".safetensors" || PickleExtensions.Contains(extension)) return extension;
        throw new WeightImportException($"{path}: unknown weight file extension '{extension}'. Use .safetensors, or .pt/.pth/.bin for a torch.save'd state dict.");
    }
}
