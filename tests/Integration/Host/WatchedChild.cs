using System.Diagnostics;
using System.Text;

namespace AutoLR.Integration.Host;

/// <summary>
/// A child process whose stdout and stderr are read line by line as they arrive, so that a test waits for the line
/// by which the child says it has reached a state (an event), never for an amount of time. Deadlines only bound a
/// child that hangs: they are generous, and what a test asserts never depends on how fast the machine is.
/// </summary>
public sealed class WatchedChild : IDisposable
{
    /// <summary>Long enough for a loaded 2-core machine; reached only when something is wrong.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _error = new();
    private readonly List<string> _lines = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource Seen)> _waiting = [];

    private WatchedChild(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Receive(e.Data, _out);
        _process.ErrorDataReceived += (_, e) => Receive(e.Data, _error);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static WatchedChild Start(ProcessStartInfo start) => new(start);

    public int Id => _process.Id;

    public string Out
    {
        get { lock (_gate) return _out.ToString(); }
    }

    public string Error
    {
        get { lock (_gate) return _error.ToString(); }
    }

    /// <summary>Returns once a line of stdout or stderr (already printed or still to come) matches; fails if the child exits first.</summary>
    public async Task WaitForLineAsync(Func<string, bool> match, string state)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_lines.Any(match)) return;
            _waiting.Add((match, seen));
        }
        var exited = _process.WaitForExitAsync();
        await Task.WhenAny(seen.Task, exited, Task.Delay(Deadline));
        if (seen.Task.IsCompleted) return;
        Assert.Fail(exited.IsCompleted
            ? $"the child exited ({_process.ExitCode}) before it {state}.\nstdout:\n{Out}\nstderr:\n{Error}"
            : $"the child did not {state} within {Deadline}.\nstdout:\n{Out}\nstderr:\n{Error}");
    }

    /// <summary>Sends a signal by name (TERM, INT, KILL) with kill(1).</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString()]);
        await kill.WaitForExitAsync();
    }

    /// <summary>The exit code, once the child has exited and its output is read; fails after the deadline.</summary>
    public async Task<int> WaitForExitAsync(string state)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"the child did not {state} within {Deadline}.\nstdout:\n{Out}\nstderr:\n{Error}");
        }
        return _process.ExitCode;
    }

    private void Receive(string? line, StringBuilder into)
    {
        if (line is null) return;
        lock (_gate)
        {
            into.AppendLine(line);
            _lines.Add(line);
            foreach (var waiter in _waiting.Where(w => w.Match(line)).ToList())
            {
                waiter.Seen.TrySetResult();
                _waiting.Remove(waiter);
            }
        }
    }

    /// <summary>Kills a child the test left running (a failed assertion), so no process outlives the test run.</summary>
    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
