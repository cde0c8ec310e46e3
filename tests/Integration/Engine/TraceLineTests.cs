using AutoLR.Algorithms;
using AutoLR.Torch.FineTuning;
using Microsoft.FSharp.Core;

namespace AutoLR.Integration.Engine;

/// <summary>The trace line's bytes are a contract (DESIGN.md §3): existing run directories must keep reading.</summary>
public class TraceLineTests
{
    private static readonly TrialRecord Diverged = new(2, 3, ["layer1.0", "layer2.0"], [0.001, 0.0020000000000000005], 0.0005, 0.1,
        [1.5e-5, double.NaN], double.NaN, 0.94, false, FSharpOption<double[]>.None, FSharpOption<double[]>.Some([0.0015, 1e-300]),
        ["divergence", "lr-halved:block2"], double.PositiveInfinity, 12.25, FSharpOption<BatchWindow>.None);

    /// <summary>The line the writer produced before the trace had one declaration, copied from its output.</summary>
    private const string DivergedLine =
        """{"epoch":2,"trial":3,"layers":["layer1.0","layer2.0"],"lrs":[0.001,0.0020000000000000005],"stemLr":0.0005,"headLr":0.1,"variations":[1.5E-05,"NaN"],"sortingQuality":"NaN","threshold":0.94,"accepted":false,"targets":null,"nextLrs":[0.0015,1E-300],"events":["divergence","lr-halved:block2"],"trainLoss":"Infinity","seconds":12.25}""";

    [Fact]
    public void TheWriterWritesTheRecordByteForByteAsBefore()
    {
        var path = Path.GetTempFileName();
        using (var writer = new TraceWriter(path)) writer.Write(Diverged);
        Assert.Equal(DivergedLine + "\n", File.ReadAllText(path));
        File.Delete(path);
    }

    [Fact]
    public void ALineReadsBackAsTheRecordWithNaNAndInfinity()
    {
        var read = TraceLine.read(DivergedLine).ResultValue;
        Assert.Equal(TraceLine.write(Diverged), TraceLine.write(read));
        Assert.True(double.IsNaN(read.SortingQuality));
        Assert.True(double.IsPositiveInfinity(read.TrainLoss));
        Assert.Null(read.Targets);
        Assert.Equal([0.0015, 1e-300], read.NextLrs!.Value);
    }

    [Fact]
    public void NullNumbersReadAsNaNAndMissingFieldsAreNamed()
    {
        Assert.True(double.IsNaN(TraceLine.read(DivergedLine.Replace("\"sortingQuality\":\"NaN\"", "\"sortingQuality\":null")).ResultValue.SortingQuality));
        var missing = TraceLine.read(DivergedLine.Replace("\"threshold\":0.94,", ""));
        Assert.True(missing.IsError);
        Assert.Contains("threshold", missing.ErrorValue, StringComparison.OrdinalIgnoreCase);
        var mistyped = TraceLine.read(DivergedLine.Replace("\"threshold\":0.94", "\"threshold\":\"high\""));
        Assert.Contains("threshold", mistyped.ErrorValue);
        var tooShort = TraceLine.read(DivergedLine.Replace("[0.001,0.0020000000000000005]", "[0.001]"));
        Assert.Contains("'lrs' has 1", tooShort.ErrorValue);
    }

    [Fact]
    public void ANameGivenTwiceIsAnErrorNamingItNotAnException()
    {
        // Found by fuzzing: the reader threw ArgumentException, which its callers do not expect from a damaged line.
        var twice = TraceLine.read(DivergedLine.Replace("\"threshold\":0.94,", "\"threshold\":0.94,\"threshold\":0.5,"));
        Assert.True(twice.IsError);
        Assert.Contains("threshold", twice.ErrorValue);
    }
}
