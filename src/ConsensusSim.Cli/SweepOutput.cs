namespace ConsensusSim.Cli;

/// <summary>
/// The files a sweep writes, the CSV and with --chart a PNG and an SVG, checked as every command's outputs
/// are (<see cref="OutputPlan"/>) before any point is checked or run: a path that cannot be written, a
/// folder, an input of the sweep (also through a link) or two options naming one file are refused at once.
/// </summary>
internal sealed class SweepOutput
{
    private SweepOutput(Output csv, Output? png, Output? svg, string? chart)
    {
        Csv = csv;
        Png = png;
        Svg = svg;
        Chart = chart;
    }

    /// <summary>The CSV: a file (written through a link), a FIFO or device, or standard output (<c>-</c>).</summary>
    public Output Csv { get; }

    /// <summary>The chart's PNG, with --chart.</summary>
    public Output? Png { get; }

    /// <summary>The chart's SVG, with --chart.</summary>
    public Output? Svg { get; }

    /// <summary>The --chart path without extension, if given.</summary>
    public string? Chart { get; }

    /// <summary>Whether the rows go to standard output, so messages for people go to standard error.</summary>
    public bool UsesStandardOutput => Csv.Mode == AtomicFile.Mode.StandardOutput;

    /// <summary>Checks the outputs.</summary>
    /// <param name="stdout">Standard output.</param>
    /// <param name="csv">The --out path.</param>
    /// <param name="chart">The --chart path, if given.</param>
    /// <param name="inputs">The files the sweep reads.</param>
    /// <returns>The checked outputs.</returns>
    /// <exception cref="UserInputException">An output cannot be written or would write over an input.</exception>
    public static SweepOutput Plan(TextWriter stdout, string csv, string? chart, IEnumerable<string> inputs)
    {
        var plan = new OutputPlan(stdout, inputs);
        var rows = plan.File("--out", csv);
        return chart is null
            ? new SweepOutput(rows, null, null, null)
            : new SweepOutput(rows, plan.File("--chart", chart + ".png"), plan.File("--chart", chart + ".svg"), chart);
    }
}
