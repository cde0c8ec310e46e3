using System.Runtime.InteropServices;
using System.Text;

namespace AutoLR.Integration.Host;

/// <summary>
/// Makes a child `autolr` die as libtorch's oneDNN does on a CPU whose caches it misreads: an integer division by zero
/// in native code, a hardware SIGFPE the .NET runtime does not handle (a SIGFPE sent with kill is ignored by the
/// runtime, so it cannot stand in). Armed by <see cref="TestHostProgram.NativeFaultVariable"/>: the first line the
/// process writes that contains the marker triggers it, so a test picks the moment by a line, never by a delay.
/// </summary>
public static class NativeFault
{
    public static void ArmOn(string marker)
    {
        Console.SetOut(new Tripwire(Console.Out, marker));
        Console.SetError(new Tripwire(Console.Error, marker));
    }

    /// <summary>libc's div(3): its quotient is one idiv instruction, which faults on a zero divisor.</summary>
    [DllImport("libc", EntryPoint = "div")]
    private static extern long Divide(int numerator, int denominator);

    private sealed class Tripwire(TextWriter inner, string marker) : TextWriter
    {
        private readonly StringBuilder _line = new();

        public override Encoding Encoding => inner.Encoding;

        public override void Write(char value)
        {
            inner.Write(value);
            if (value == '\n') Check();
            else _line.Append(value);
        }

        public override void Write(string? value)
        {
            foreach (var c in value ?? "") Write(c);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            for (var i = index; i < index + count; i++) Write(buffer[i]);
        }

        public override void Flush() => inner.Flush();

        private void Check()
        {
            var line = _line.ToString();
            _line.Clear();
            if (!line.Contains(marker, StringComparison.Ordinal)) return;
            inner.Flush();
            Divide(1, 0);
        }
    }
}
