namespace ConsensusSim.Cli;

/// <summary>The files a sweep writes: the CSV, and with --chart a PNG and an SVG.</summary>
/// <param name="Csv">The --out file.</param>
/// <param name="Chart">The --chart path without extension, if given.</param>
internal sealed record SweepOutput(string Csv, string? Chart)
{
    /// <summary>Every file written.</summary>
    public IEnumerable<string> Files => Chart is null ? [Csv] : [Csv, Chart + ".png", Chart + ".svg"];

    /// <summary>Refuses to write over an input file, before anything runs.</summary>
    /// <param name="inputs">The files read.</param>
    /// <exception cref="UserInputException">An output is an input.</exception>
    public void CheckNotOver(IEnumerable<string> inputs)
    {
        foreach (string input in inputs)
        {
            string full = Path.GetFullPath(input);
            if (Files.FirstOrDefault(f => string.Equals(Path.GetFullPath(f), full, StringComparison.Ordinal)) is { } clash)
            {
                throw new UserInputException($"{clash}: this output is an input of the sweep ({input}) and would be written over; choose another path.");
            }
        }
    }
}
