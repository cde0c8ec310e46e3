using System.Runtime.InteropServices;
using TorchSharp;

namespace AutoLR.Torch.Devices;

/// <summary>
/// libtorch's process-wide switches that TorchSharp does not wrap, set through the C++ symbols libtorch_cpu exports
/// (<c>at::globalContext()</c> and the <c>at::Context</c> setters).
/// </summary>
public static class LibTorchSwitches
{
    private const string GlobalContext = "_ZN2at13globalContextEv";
    private const string SetUserEnabledNnpack = "_ZN2at7Context20setUserEnabledNNPACKEb";

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr ContextGetter();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void ContextFlagSetter(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

    private static readonly Lazy<bool> NnpackOff = new(() =>
    {
        var library = LibTorchCpu();
        var context = Marshal.GetDelegateForFunctionPointer<ContextGetter>(NativeLibrary.GetExport(library, GlobalContext))();
        Marshal.GetDelegateForFunctionPointer<ContextFlagSetter>(NativeLibrary.GetExport(library, SetUserEnabledNnpack))(context, false);
        return true;
    });

    /// <summary>
    /// Turns NNPACK off for the process. With oneDNN on, libtorch never picks NNPACK for a float32 convolution (it only
    /// falls back to it for batches of 16 or more, which oneDNN always takes), so no result changes; but every
    /// convolution oneDNN declines first asks whether NNPACK initialised, and on CPUs it does not know (an AMD Zen 5
    /// virtual machine) libtorch logs "Could not initialize NNPACK! Reason: Unsupported hardware." each time, between
    /// our log lines. Idempotent.
    /// </summary>
    public static void DisableNnpack() => _ = NnpackOff.Value;

    /// <summary>libtorch_cpu, loaded from where TorchSharp loads it (beside the application's assemblies).</summary>
    private static IntPtr LibTorchCpu()
    {
        foreach (var folder in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(typeof(torch).Assembly.Location) ?? "" })
        {
            var path = Path.Combine(folder, "libtorch_cpu.so");
            if (File.Exists(path) && NativeLibrary.TryLoad(path, out var handle)) return handle;
        }
        return NativeLibrary.Load("libtorch_cpu.so", typeof(LibTorchSwitches).Assembly, DllImportSearchPath.SafeDirectories | DllImportSearchPath.AssemblyDirectory);
    }
}
