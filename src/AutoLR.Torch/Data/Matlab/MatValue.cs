namespace AutoLR.Torch.Data.Matlab;

/// <summary>A MATLAB array read from a MAT file; <c>Dimensions</c> as MATLAB gives them, elements column-major.</summary>
public abstract record MatValue(int[] Dimensions)
{
    /// <summary>Number of elements (product of the dimensions).</summary>
    public int Count => Dimensions.Aggregate(1, (a, d) => a * d);
}

/// <summary>A numeric or logical array, every value widened to double.</summary>
public sealed record MatNumeric(int[] Dimensions, double[] Values) : MatValue(Dimensions);

/// <summary>A char array; a row vector is the usual string, other shapes give their rows joined by new lines.</summary>
public sealed record MatText(int[] Dimensions, string Text) : MatValue(Dimensions);

/// <summary>A cell array.</summary>
public sealed record MatCell(int[] Dimensions, MatValue[] Items) : MatValue(Dimensions);

/// <summary>A struct array: one dictionary of field values per element.</summary>
public sealed record MatStruct(int[] Dimensions, string[] Fields, IReadOnlyDictionary<string, MatValue>[] Elements) : MatValue(Dimensions);

/// <summary>An array of a class this reader does not decode (sparse, objects, function handles).</summary>
public sealed record MatUnsupported(int[] Dimensions, int ClassCode) : MatValue(Dimensions);
