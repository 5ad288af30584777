using ConsensusSim.Model;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// The rows of equal States for which <see cref="ThresholdRows"/> and <see cref="ThresholdRows256"/> compute thresholds
/// once: each State's row and each row's hostage-taking, blocking cost and 1/σ in sixteen lanes, rows numbered in order
/// of their first State. Lanes after the last row hold harmless values that no State takes (cost 0, 1/σ = 1), and the
/// last lane is the padding row, taken by every lane past the States, whose hostage-taking is −∞: its margin and
/// threshold are −∞, so it never objects nor makes a statement.
/// </summary>
internal sealed class RowTable
{
    /// <summary>The table's lanes.</summary>
    public const int Width = 16;

    /// <summary>The most rows: the table's lanes, less the padding lane.</summary>
    public const int MaxRows = Width - 1;

    /// <summary>The row of every lane past the States.</summary>
    public const int PaddingRow = Width - 1;

    private RowTable(KernelPlan plan, TrialWorkspace workspace, int[] rowOf, int[] representative)
    {
        var c = plan.Scenario;
        Representative = representative;
        Hostage = new double[Width];
        Cost = new double[Width];
        InverseNoise = new double[Width];
        InverseNoise.AsSpan().Fill(1.0);
        Hostage[PaddingRow] = double.NegativeInfinity;
        for (int r = 0; r < representative.Length; r++)
        {
            int i = representative[r];
            Hostage[r] = workspace.Hostage[i];
            Cost[r] = workspace.BlockingCost[i];
            InverseNoise[r] = workspace.InverseNoise[i];
        }

        RowOf = new int[workspace.Shape.Padded];
        RowOf.AsSpan().Fill(PaddingRow);
        rowOf.CopyTo(RowOf, 0);
        Deterrence = [.. Enumerable.Range(0, plan.Venues).Select(v => ThresholdStage.Deterrence(c, (VoteVenue)v))];
        AllNoisy = InverseNoise.All(double.IsFinite);
    }

    /// <summary>Row r's first State.</summary>
    public int[] Representative { get; }

    /// <summary>Each padded State's row.</summary>
    public int[] RowOf { get; }

    /// <summary>Each row's hostage-taking (−∞ in the padding row).</summary>
    public double[] Hostage { get; }

    /// <summary>Each row's blocking cost.</summary>
    public double[] Cost { get; }

    /// <summary>Each row's 1/σ (∞ for a State without noise).</summary>
    public double[] InverseNoise { get; }

    /// <summary>Each venue's deterrence of objections, as <see cref="ThresholdStage.Deterrence"/> gives it.</summary>
    public double[] Deterrence { get; }

    /// <summary>Whether every row has noise (1/σ finite), so that a threshold is the product alone.</summary>
    public bool AllNoisy { get; }

    /// <summary>
    /// The rows of the States, equal where <paramref name="profile"/> gives the same text and their hostage-taking,
    /// blocking cost and noise are equal bit for bit; null with more than <see cref="MaxRows"/> rows. Build it after the
    /// thresholds of the start are prepared (it reads them).
    /// </summary>
    /// <param name="plan">The run's plan.</param>
    /// <param name="workspace">The shared arrays, holding the run's hostage-taking, costs and noise.</param>
    /// <param name="profile">What else a State's row depends on, as text: its profile's number, or its ideal point's and saliences' bits.</param>
    public static RowTable? For(KernelPlan plan, TrialWorkspace workspace, Func<int, string> profile)
    {
        var numbers = new Dictionary<string, int>();
        var rowOf = new int[workspace.Shape.States];
        var representative = new List<int>();
        for (int i = 0; i < rowOf.Length; i++)
        {
            string key = $"{profile(i)};{Bits(workspace.Hostage[i])},{Bits(workspace.BlockingCost[i])},{Bits(workspace.InverseNoise[i])}";
            if (!numbers.TryGetValue(key, out int row))
            {
                numbers[key] = row = representative.Count;
                representative.Add(i);
            }

            rowOf[i] = row;
        }

        return representative.Count <= MaxRows ? new RowTable(plan, workspace, rowOf, [.. representative]) : null;

        static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);
    }
}
