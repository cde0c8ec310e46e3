using AutoLR.Torch.Data;
using Microsoft.Extensions.Options;
using S = AutoLR.Settings.SettingCatalog;
using static AutoLR.Settings.ControllerSettingsValidation;

namespace AutoLR.Settings;

/// <summary>Data set kind and path, images per class, and the guard on test-set selection.</summary>
public sealed class DataSettingsValidation(SettingOrigin origin) : IValidateOptions<DataSettings>
{
    public ValidateOptionsResult Validate(string? name, DataSettings o)
    {
        var p = new SettingProblems(origin);
        var knownKind = Choice(S.Dataset, o.Dataset);
        p.Require(knownKind, S.Dataset, o.Dataset, Allowed(S.Dataset));
        if (knownKind && DatasetKinds.Find(o.Dataset).DefaultFolder is null)
            p.RequireTogether(o.DatasetPath.Length > 0, S.DatasetPath, o.DatasetPath, S.Dataset, o.Dataset,
                $"the data set kind {o.Dataset} has no default location; give its folder with --dataset-path.");
        if (o.DatasetPath.Length > 0)
            p.Require(Directory.Exists(o.DatasetPath), S.DatasetPath, o.DatasetPath, Path.Exists(o.DatasetPath)
                ? $"{Path.GetFullPath(o.DatasetPath)} is not a folder (a file, pipe or device); give the folder that holds the data set."
                : $"no such folder ({Path.GetFullPath(o.DatasetPath)}); give the folder that holds the data set.");
        p.Require(o.ImagesPerClass >= 0, S.ImagesPerClass, o.ImagesPerClass, "images per class must be an integer ≥ 0 (0 uses all).");
        p.Require(o.TestImagesPerClass >= 0, S.TestImagesPerClass, o.TestImagesPerClass,
            "test images per class must be an integer ≥ 0 (0 follows --images-per-class).");
        p.Require(o.MaxImagePixels >= 1, S.MaxImagePixels, o.MaxImagePixels,
            "the pixel limit must be a whole number from 1 to 2147483647.");
        p.Require(o.ValidationFraction is > 0 and < 1, S.ValidationFraction, o.ValidationFraction,
            "the validation fraction must be a number strictly between 0 and 1.");
        p.Require(o.MaxPruningDepth >= 0, S.MaxPruningDepth, o.MaxPruningDepth, "the deepest pruning must be an integer ≥ 0.");
        p.Require(Choice(S.Selection, o.Selection), S.Selection, o.Selection, Allowed(S.Selection));
        if (SelectionModes.TryParse(o.Selection) == SelectionMode.Test)
            p.RequireTogether(o.AllowTestSelection, S.Selection, o.Selection, S.AllowTestSelection, o.AllowTestSelection,
                "selecting the pruning depth on the test set reproduces the paper only (it leaks test data into model " +
                "selection); add --allow-test-selection to confirm, or use --selection validation.");
        return p.Result();
    }
}
