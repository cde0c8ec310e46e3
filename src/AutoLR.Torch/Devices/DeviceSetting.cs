using TorchSharp;

namespace AutoLR.Torch.Devices;

/// <summary>
/// The compute device, always taken from configuration ("cpu", "cuda", "cuda:N"); nothing hard-codes it.
/// </summary>
public static class DeviceSetting
{
    /// <summary>Parses a device setting, failing with a message that names the allowed forms.</summary>
    public static torch.Device Parse(string setting)
    {
        var text = (setting ?? "").Trim().ToLowerInvariant();
        if (text == "cpu") return torch.CPU;
        if (text == "cuda" || text.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (!torch.cuda.is_available())
                throw new ArgumentException(
                    $"Device '{setting}' was asked for, but CUDA is not available: this build references the CPU libtorch. " +
                    "Use device 'cpu', or add the libtorch CUDA package for your platform and run on a machine with a GPU.");
            if (text == "cuda") return torch.CUDA;
            if (int.TryParse(text.AsSpan(5), out var index) && index >= 0 && index < torch.cuda.device_count())
                return new torch.Device(DeviceType.CUDA, index);
            throw new ArgumentException(
                $"Device '{setting}' names no GPU: {torch.cuda.device_count()} CUDA device(s) are visible; use cuda:0..cuda:{torch.cuda.device_count() - 1}.");
        }
        throw new ArgumentException($"Device '{setting}' is not understood: use 'cpu', 'cuda' or 'cuda:N'.");
    }
}
