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
            if (TorchBackend.CannotRun(text) is { } unbuilt)
                throw new ArgumentException($"Device '{setting}': {unbuilt}");
            if (!torch.cuda.is_available())
                throw new ArgumentException(
                    $"Device '{setting}' was asked for, but libtorch sees no GPU: check that `nvidia-smi` lists one (the NVIDIA driver " +
                    "for CUDA 12.8 or newer is installed) and that CUDA_VISIBLE_DEVICES, if set, names it; or use device 'cpu'.");
            if (text == "cuda") return torch.CUDA;
            if (int.TryParse(text.AsSpan(5), out var index) && index >= 0 && index < torch.cuda.device_count())
                return new torch.Device(DeviceType.CUDA, index);
            throw new ArgumentException(
                $"Device '{setting}' names no GPU: {torch.cuda.device_count()} CUDA device(s) are visible; use cuda:0..cuda:{torch.cuda.device_count() - 1}.");
        }
        throw new ArgumentException($"Device '{setting}' is not understood: use 'cpu', 'cuda' or 'cuda:N'.");
    }
}
