using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using AutoLR.Integration.Data;
using AutoLR.Torch.Weights;

namespace AutoLR.Integration.Weights;

/// <summary>
/// A weights file is checked whole before use, by the safetensors reference implementation's rules: a broken header
/// or layout is one input error naming the file and the rule, never a load of overlapping bytes, an allocation the
/// header made up, or a training run that later "diverges"; NaN or infinite weights are refused naming the tensor.
/// </summary>
public sealed class SafetensorsValidationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_well_formed_file_loads()
    {
        var path = Write("good.safetensors", """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"I64","shape":[],"data_offsets":[8,16]},"__metadata__":{"format":"pt"}}""",
            Floats(1, 2).Concat(BitConverter.GetBytes(7L)).ToArray());
        var stateDict = StateDictFile.Read(path);
        Assert.Equal([1f, 2f], stateDict["a"].data<float>().ToArray());
        Assert.Equal(7L, stateDict["b"].item<long>());
        foreach (var t in stateDict.Values) t.Dispose();
    }

    [Theory]
    [InlineData("overlap", """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""", 16, "tensor 'b' spans bytes [4, 12)")]
    [InlineData("gap", """{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}""", 12, "tensor 'b' spans bytes [8, 12)")]
    [InlineData("beyond the file", """{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}""", 8, "cover 16 bytes of data but the file holds 8")]
    [InlineData("short of the file", """{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", 8, "cover 4 bytes of data but the file holds 8")]
    [InlineData("end before begin", """{"a":{"dtype":"F32","shape":[0],"data_offsets":[0,0]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,0]}}""", 4, "tensor 'b' spans bytes [4, 0)")]
    [InlineData("size not dtype × shape", """{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}""", 8, "needs 12 bytes but its data_offsets span 8")]
    [InlineData("negative dimension", """{"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}""", 8, "shape [-2]: each must be a non-negative integer")]
    [InlineData("fractional dimension", """{"a":{"dtype":"F32","shape":[2.5],"data_offsets":[0,8]}}""", 8, "each must be a non-negative integer")]
    [InlineData("overflowing shape", """{"a":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,8]}}""", 8, "too large to exist")]
    [InlineData("unknown dtype", """{"a":{"dtype":"F31","shape":[2],"data_offsets":[0,8]}}""", 8, "tensor 'a' has no known dtype")]
    [InlineData("offsets not a pair", """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0]}}""", 8, "1 data_offsets, not [begin, end]")]
    [InlineData("entry not an object", """{"a":[1,2]}""", 0, "tensor 'a' is described by a JSON Array")]
    [InlineData("metadata not strings", """{"__metadata__":{"epoch":3}}""", 0, "'__metadata__' is not a map of strings to strings")]
    [InlineData("root not an object", """["a"]""", 0, "does not start with '{'")]
    [InlineData("not JSON", """{"a":""", 0, "header is not valid JSON")]
    [InlineData("a name twice", """{"a":{"dtype":"F32","shape":[0],"data_offsets":[0,0]},"a":{"dtype":"F32","shape":[0],"data_offsets":[0,0]}}""", 0, "names 'a' twice")]
    public void A_broken_layout_is_one_error_naming_the_file_and_the_rule(string name, string header, int dataBytes, string expected)
    {
        var path = Write(name.Replace(' ', '-') + ".safetensors", header, new byte[dataBytes]);
        var error = Assert.Throws<WeightImportException>(() => StateDictFile.Read(path));
        Assert.StartsWith($"{path}: not a valid safetensors file: ", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_header_that_is_not_utf8_is_one_error_naming_the_file()
    {
        // Found by fuzzing: a byte that is not UTF-8 inside a string escaped as an InvalidOperationException.
        var path = _folder.File("latin1.safetensors");
        byte[] header = [.. Encoding.UTF8.GetBytes("""{"a":{"dtype":"F"""), 0xD3, .. Encoding.UTF8.GetBytes("""2","shape":[0],"data_offsets":[0,0]}}""")];
        File.WriteAllBytes(path, [.. BitConverter.GetBytes((ulong)header.Length), .. header]);
        var error = Assert.Throws<WeightImportException>(() => StateDictFile.Read(path));
        Assert.StartsWith($"{path}: not a valid safetensors file: its header is not valid UTF-8.", error.Message);
    }

    [Fact]
    public void A_ten_byte_file_whose_header_claims_a_gigabyte_is_refused_without_allocating_it()
    {
        var path = _folder.File("claims-1gb.safetensors");
        var bytes = new byte[10];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, 1UL << 30);
        bytes[8] = (byte)'{';
        bytes[9] = (byte)'}';
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<WeightImportException>(() => StateDictFile.Read(path));
        Assert.Contains("its header claims 1073741824 bytes but the file holds only 2 after the length field", error.Message);
    }

    [Fact]
    public void A_header_above_the_reference_cap_is_refused()
    {
        var path = _folder.File("huge-header.safetensors");
        using (var stream = File.Create(path))
        {
            var length = new byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, SafetensorsHeader.MaxHeaderBytes + 1);
            stream.Write(length);
            stream.SetLength(8 + SafetensorsHeader.MaxHeaderBytes + 1);
        }
        var error = Assert.Throws<WeightImportException>(() => StateDictFile.Read(path));
        Assert.Contains($"more than the format's limit of {SafetensorsHeader.MaxHeaderBytes}", error.Message);
    }

    [Fact]
    public void Non_finite_weights_are_an_input_error_naming_each_tensor()
    {
        var path = Write("nan.safetensors",
            """{"fine":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"layer1.0.conv1.weight":{"dtype":"F32","shape":[3],"data_offsets":[8,20]},"bn1.running_var":{"dtype":"F32","shape":[1],"data_offsets":[20,24]}}""",
            Floats(1, 2, float.NaN, 3, float.PositiveInfinity, float.NegativeInfinity));
        var error = Assert.Throws<WeightImportException>(() => StateDictFile.Read(path));
        Assert.Contains("NaN or infinite values in bn1.running_var (1 of 1 values), layer1.0.conv1.weight (2 of 3 values)", error.Message);
        Assert.DoesNotContain("fine", error.Message);
    }

    [Fact]
    public async Task A_fifo_given_as_weights_is_refused_before_it_is_opened()
    {
        var fifo = _folder.File("weights.safetensors");
        using (var mkfifo = Process.Start("mkfifo", [fifo])) await mkfifo.WaitForExitAsync();
        // Opening a FIFO for reading waits for a writer: a hang here is the bug, so the read runs against a clock.
        var read = Task.Run(() => Assert.Throws<WeightImportException>(() => StateDictFile.Read(fifo)));
        var error = await read.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Contains($"{fifo}: cannot be read as a weight file: it is a FIFO (named pipe), not a regular file", error.Message);
    }

    private string Write(string name, string header, byte[] data)
    {
        var path = _folder.File(name);
        var json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)json.Length);
        json.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + json.Length);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Floats(params float[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();
}
