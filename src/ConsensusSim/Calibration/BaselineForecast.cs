namespace ConsensusSim.Calibration;

/// <summary>
/// The two baselines the model is scored against out of sample, both from the training cells only and both by the
/// Krichevsky–Trofimov estimate (k + ½) ÷ (n + 1), which never predicts 0 or 1 from a finite record (a plain rate of
/// 5/5 would give a held-out failure a log score of −∞):
/// the <b>base rate</b> of the cell's kind (its item kind, and topic on a topic row) over every training cell of that
/// kind, and the <b>previous period's rate</b> of that kind, the period before the cell's in the spec's period order.
/// </summary>
/// <remarks><threadsafety>Stateless and thread-safe.</threadsafety></remarks>
public static class BaselineForecast
{
    /// <summary>
    /// The base rate: (Σk + ½) ÷ (Σn + 1) over the training cells of the cell's <see cref="ObservedCell.Kind"/>; over every
    /// training cell when none is of that kind; ½ without training cells.
    /// </summary>
    /// <param name="training">The cells the baseline may learn from.</param>
    /// <param name="cell">The cell to predict.</param>
    /// <returns>The predicted P(adopted).</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static double BaseRate(IEnumerable<ObservedCell> training, ObservedCell cell)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(cell);
        var all = Checked(training, nameof(training));
        var same = all.Where(c => c.Kind == cell.Kind).ToList();
        return Rate(same.Count > 0 ? same : all);
    }

    /// <summary>
    /// The previous period's rate: (Σk + ½) ÷ (Σn + 1) over the training cells of the cell's kind in the period just before
    /// the cell's in <paramref name="periodOrder"/>; the <see cref="BaseRate"/> when there is no such cell.
    /// </summary>
    /// <param name="training">The cells the baseline may learn from.</param>
    /// <param name="cell">The cell to predict.</param>
    /// <param name="periodOrder">The periods in time order.</param>
    /// <param name="fellBack">Whether the base rate was used, for want of a previous period's cell.</param>
    /// <returns>The predicted P(adopted).</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static double PreviousPeriod(IEnumerable<ObservedCell> training, ObservedCell cell, IReadOnlyList<string> periodOrder, out bool fellBack)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(periodOrder);
        var all = Checked(training, nameof(training));
        if (periodOrder.Any(p => p is null))
        {
            throw new ArgumentException("The period order holds a null.", nameof(periodOrder));
        }

        int at = IndexOf(periodOrder, cell.Period);
        var previous = at > 0 ? all.Where(c => c.Period == periodOrder[at - 1] && c.Kind == cell.Kind).ToList() : [];
        fellBack = previous.Count == 0;
        return fellBack ? BaseRate(all, cell) : Rate(previous);
    }

    private static List<ObservedCell> Checked(IEnumerable<ObservedCell> cells, string name)
    {
        var list = cells.ToList();
        return list.Any(c => c is null) ? throw new ArgumentException("The list holds a null.", name) : list;
    }

    private static int IndexOf(IReadOnlyList<string> periods, string period)
    {
        for (int i = 0; i < periods.Count; i++)
        {
            if (string.Equals(periods[i], period, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    // Summed as long: cells of up to int.MaxValue attempts each would overflow an int sum.
    private static double Rate(List<ObservedCell> cells) =>
        (cells.Sum(c => (long)c.Adopted) + 0.5) / (cells.Sum(c => (long)c.Attempts) + 1.0);
}
