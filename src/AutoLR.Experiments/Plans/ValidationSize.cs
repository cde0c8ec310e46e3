using System.Globalization;
using AutoLR.Torch.Data;

namespace AutoLR.Experiments.Plans;

/// <summary>
/// The least validation split on which Algorithm 1's Recall@1 can rank depths: 2 classes (with one, every query's
/// nearest neighbour is of its class and every depth scores 100 %, so the depth cap decides) and 2 images in each
/// (a query needs another image of its class).
/// </summary>
public static class ValidationSize
{
    public const int MinClasses = 2;
    public const int MinImagesPerClass = 2;

    /// <summary>Throws <see cref="SettingsRefusedException"/> naming --validation-fraction when the split is too small.</summary>
    public static void Require(IImageDataset validation, int trainingClasses, double fraction)
    {
        var f = fraction.ToString("G", CultureInfo.InvariantCulture);
        if (validation.ClassCount < MinClasses)
        {
            // ValidationSplit takes round(C × fraction) classes, at most C − 1; 2 of them need C × fraction ≥ 1.5.
            var fix = trainingClasses > MinClasses
                ? $"raise --validation-fraction to at least {Math.Ceiling(150.0 / trainingClasses) / 100:0.##}"
                : "use a data set with at least 3 training classes";
            throw new SettingsRefusedException(
                $"--validation-fraction {f} leaves {validation.ClassCount} validation class of the {trainingClasses} training classes; the pruning " +
                $"search needs at least {MinClasses}, since with one every depth scores Recall@1 = 100 % and the depth cap decides. " +
                $"To fix: {fix}, or select on the test split (--selection test --allow-test-selection).");
        }
        var smallest = validation.Labels.GroupBy(l => l).Min(g => g.Count());
        if (smallest < MinImagesPerClass)
            throw new SettingsRefusedException(
                $"--validation-fraction {f}: a validation class has {smallest} image, and Recall@1 needs at least {MinImagesPerClass} per class " +
                "(a query and another image of its class). Raise --images-per-class, or use a data set with more images per class.");
    }
}
