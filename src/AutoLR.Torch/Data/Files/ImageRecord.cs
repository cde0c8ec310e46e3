namespace AutoLR.Torch.Data.Files;

/// <summary>One image of a layout listing: its file and the source's class id.</summary>
/// <param name="Path">Absolute path of the image file.</param>
/// <param name="ClassId">Class id as the source writes it ("101", "id_00000080", a folder name).</param>
public sealed record ImageRecord(string Path, string ClassId);
