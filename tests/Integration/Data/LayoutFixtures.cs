namespace AutoLR.Integration.Data;

/// <summary>
/// Tiny copies of every supported layout, written into a temp folder. Each class's images are solid
/// <see cref="ImageFixtures.ColourOf"/>(class number) colour, alternately JPEG and PNG.
/// </summary>
public static class LayoutFixtures
{
    /// <summary>CUB-200-2011: classes 1, 2 (train) and 101, 102 (test), <paramref name="perClass"/> images each.</summary>
    public static void Cub(TempFolder folder, int perClass = 2)
    {
        var images = new List<string>();
        var labels = new List<string>();
        var id = 0;
        foreach (var c in new[] { 1, 2, 101, 102 })
            for (var i = 0; i < perClass; i++)
            {
                id++;
                var relative = $"{c:D3}.Class_{c}/img_{i}.{(i % 2 == 0 ? "jpg" : "png")}";
                ImageFixtures.Solid(folder.File(Path.Combine("images", relative)), ImageFixtures.ColourOf(c));
                images.Add($"{id} {relative}");
                labels.Add($"{id} {c}");
            }
        folder.WriteLines("images.txt", images.ToArray());
        folder.WriteLines("image_class_labels.txt", labels.ToArray());
        folder.WriteLines("classes.txt", "1 001.Class_1", "2 002.Class_2", "101 101.Class_101", "102 102.Class_102");
    }

    /// <summary>Cars-196 as car_ims/ + cars_annos.mat (or its CSV conversion): classes 1, 98 (train) and 99, 196 (test), 2 images each.</summary>
    public static void Cars(TempFolder folder, bool asCsv = false)
    {
        var rows = new List<string> { "relative_im_path,bbox_x1,bbox_y1,bbox_x2,bbox_y2,class,test" };
        var images = new List<(string, int)>();
        var n = 0;
        foreach (var c in new[] { 1, 98, 99, 196 })
            for (var i = 0; i < 2; i++)
            {
                n++;
                var relative = $"car_ims/{n:D6}.{(i == 0 ? "jpg" : "png")}";
                ImageFixtures.Solid(folder.File(relative), ImageFixtures.ColourOf(c));
                rows.Add($"{relative},1,2,20,14,{c},{i}");
                images.Add((relative, c));
            }
        if (asCsv) folder.WriteLines("cars_annos.csv", rows.ToArray());
        else MatFixtures.CarsAnnotations(folder.File("cars_annos.mat"), images.ToArray());
    }

    /// <summary>Stanford Online Products: train classes 1, 2; test classes 11319, 11320 (test sizes as given).</summary>
    public static void Sop(TempFolder folder, int lastTestClassImages = 2)
    {
        var header = "image_id class_id super_class_id path";
        folder.WriteLines("Ebay_train.txt", [header, .. SopRows(folder, [(1, 2), (2, 2)], 1)]);
        folder.WriteLines("Ebay_test.txt", [header, .. SopRows(folder, [(11319, 2), (11320, lastTestClassImages)], 100)]);
    }

    private static IEnumerable<string> SopRows(TempFolder folder, (int Class, int Images)[] classes, int firstId)
    {
        var id = firstId;
        foreach (var (c, images) in classes)
            for (var i = 0; i < images; i++)
            {
                var relative = $"bicycle_final/{c}_{i}.{(i % 2 == 0 ? "JPG" : "png")}";
                ImageFixtures.Solid(folder.File(relative), ImageFixtures.ColourOf(c % 1000));
                yield return $"{id++} {c} 1 {relative}";
            }
    }

    /// <summary>
    /// In-shop: items 1, 2 train (2 images each); items 10, 11 with one query and two gallery images each; item 12 only
    /// in the gallery (a distractor).
    /// </summary>
    public static void InShop(TempFolder folder, bool queryWithoutGallery = false)
    {
        var rows = new List<string>();
        void Add(int item, int n, string status)
        {
            var relative = $"img/WOMEN/Dresses/id_{item:D8}/{n:D2}_{status}.{(n % 2 == 0 ? "jpg" : "png")}";
            ImageFixtures.Solid(folder.File(relative), ImageFixtures.ColourOf(item));
            rows.Add($"{relative} id_{item:D8} {status}");
        }
        foreach (var item in new[] { 1, 2 }) { Add(item, 1, "train"); Add(item, 2, "train"); }
        foreach (var item in new[] { 10, 11 }) { Add(item, 1, "query"); Add(item, 2, "gallery"); Add(item, 3, "gallery"); }
        Add(12, 1, "gallery");
        if (queryWithoutGallery) Add(13, 1, "query");
        folder.WriteLines("list_eval_partition.txt", [rows.Count.ToString(), "image_name item_id evaluation_status", .. rows]);
    }

    /// <summary>Class per folder: classes a, b, c, d with 2 images each (numbers 1–4 for colours).</summary>
    public static void Folders(TempFolder folder)
    {
        var classes = new[] { "a", "b", "c", "d" };
        for (var c = 0; c < classes.Length; c++)
        {
            ImageFixtures.Solid(folder.File($"{classes[c]}/0.jpg"), ImageFixtures.ColourOf(c + 1));
            ImageFixtures.Solid(folder.File($"{classes[c]}/1.png"), ImageFixtures.ColourOf(c + 1));
        }
        folder.WriteLines("README.txt", "not an image and not a class folder");
    }
}
