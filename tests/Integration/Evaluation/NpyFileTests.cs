using AutoLR.Torch.EmbeddingFiles;

namespace AutoLR.Integration.Evaluation;

/// <summary>The .npy files `embed` writes: numpy's layout, written row block by row block.</summary>
public class NpyFileTests
{
    [Fact]
    public void Rows_appended_in_blocks_read_back_with_their_shape_and_a_64_byte_aligned_header()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("autolr-npy-").FullName, "e.npy");
        using (var writer = new NpyRowWriter(path, 3, 2))
        {
            writer.Append([1f, 2f, 3f, 4f]);
            writer.Append([5f, 6f]);
            writer.Complete();
        }
        var (values, shape) = NpyArrays.ReadFloat32(path);
        Assert.Equal([3L, 2L], shape);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], values);
        Assert.Equal(0, (new FileInfo(path).Length - 6 * sizeof(float)) % 64);
    }

    [Fact]
    public void A_file_given_fewer_rows_than_announced_is_not_left_behind()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("autolr-npy-").FullName, "e.npy");
        using (var writer = new NpyRowWriter(path, 3, 2))
        {
            writer.Append([1f, 2f]);
            Assert.Throws<InvalidOperationException>(writer.Complete);
        }
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void A_one_dimensional_int64_array_keeps_the_tuple_comma_numpy_needs()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("autolr-npy-").FullName, "l.npy");
        NpyArrays.WriteInt64(path, [7L, -1L]);
        var header = System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(path), 10, 54);
        Assert.Contains("'shape': (2,)", header);
        Assert.Equal([7L, -1L], NpyArrays.ReadInt64(path).Values);
    }
}
