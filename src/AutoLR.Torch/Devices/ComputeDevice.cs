using TorchSharp;

namespace AutoLR.Torch.Devices;

/// <summary>Where and how wide tensor work runs, set once per process before any tensor exists.</summary>
public static class ComputeDevice
{
    /// <summary>
    /// The device of <paramref name="device"/> (<see cref="DeviceSetting.Parse"/>), with libtorch's intra-op threads
    /// set to <paramref name="threads"/> when it is above 0 (0 leaves libtorch's choice; the host resolves 0 to the core count first). The thread count is
    /// process-wide in libtorch, so it is set before any tensor work and every epoch runs with the same parallelism.
    /// NNPACK is switched off (<see cref="LibTorchSwitches.DisableNnpack"/>), which changes no result.
    /// </summary>
    public static torch.Device Configure(string device, int threads)
    {
        var parsed = DeviceSetting.Parse(device);
        if (threads > 0) torch.set_num_threads(threads);
        LibTorchSwitches.DisableNnpack();
        return parsed;
    }
}
