namespace ConsensusSim.Calibration;

/// <summary>
/// Parameters that share cells, directly or through one another, and the cells they reach. The deviance is a sum over
/// cells, so blocks are fitted, and profiled, separately: an era's own linkage is a one-dimensional problem over that
/// era's cells, whatever the other eras do.
/// </summary>
internal sealed record ParameterBlock(int[] Parameters, int[] Cells)
{
    /// <summary>Splits the parameters into blocks over the given cells; cells that no parameter reaches form a block without parameters.</summary>
    public static List<ParameterBlock> Partition(CellSimulator simulator, IReadOnlyList<int> cells, int parameterCount)
    {
        int[] root = [.. Enumerable.Range(0, parameterCount)];
        int Find(int x) => root[x] == x ? x : root[x] = Find(root[x]);
        foreach (int c in cells)
        {
            var applying = simulator.ParametersOf(c);
            for (int i = 1; i < applying.Count; i++)
            {
                root[Find(applying[i])] = Find(applying[0]);
            }
        }

        var blocks = Enumerable.Range(0, parameterCount).GroupBy(Find).Select(g => new ParameterBlock(
            [.. g.Order()],
            [.. cells.Where(c => simulator.ParametersOf(c).Count > 0 && Find(simulator.ParametersOf(c)[0]) == g.Key)])).ToList();
        int[] constant = [.. cells.Where(c => simulator.ParametersOf(c).Count == 0)];
        if (constant.Length > 0)
        {
            blocks.Add(new ParameterBlock([], constant));
        }

        return blocks;
    }
}
