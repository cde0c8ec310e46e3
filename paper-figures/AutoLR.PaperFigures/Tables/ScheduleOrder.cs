using AutoLR.Algorithms;

namespace AutoLR.PaperFigures.Tables;

/// <summary>
/// Table 5's order of schedules: the baselines in the order <see cref="ScheduleCatalog"/> registers them, then
/// AutoLR; a schedule the catalogue does not know (a run made by another build) follows, in name order.
/// </summary>
public static class ScheduleOrder
{
    private static readonly IReadOnlyList<string> Order = [.. ScheduleCatalog.baselines.Select(b => b.Name), ScheduleCatalog.AutoLrName];

    public static int Rank(string schedule)
    {
        var index = Order.ToList().IndexOf(schedule);
        return index < 0 ? Order.Count : index;
    }
}
