using ConsensusSim.Sweeps;

namespace ConsensusSim.Cli;

/// <summary>
/// The design a command line asks for (--vary, --design, --points), built as the library's
/// <see cref="SweepDesign"/> after the options were checked with messages that name them.
/// </summary>
internal static class SweepDesignOptions
{
    /// <summary>Builds the design the command line asks for, refusing one larger than the limits before anything is made.</summary>
    /// <param name="varies">The --vary options.</param>
    /// <param name="design">grid, lhs, or the path of a design file.</param>
    /// <param name="points">--points, for a Latin hypercube.</param>
    /// <param name="seed">--seed: a Latin hypercube's seed too.</param>
    /// <returns>The design.</returns>
    /// <exception cref="UserInputException">The options do not make a design, or it is too large.</exception>
    public static SweepDesign FromOptions(IReadOnlyList<string> varies, string design, int? points, ulong? seed)
    {
        SweepDesign result = design switch
        {
            "grid" => SweepGrid.Parse(varies),
            "lhs" => SweepLatinHypercube.Parse(varies, points, seed ?? 1975),
            _ when varies.Count > 0 => throw new UserInputException("A design file sets the design points; --vary cannot be combined with it."),
            _ => SweepDesignFile.Read(design),
        };
        if (design is not "lhs" && points is not null)
        {
            throw new UserInputException("--points is the size of a Latin hypercube; it needs --design lhs.");
        }

        return result;
    }

    /// <summary>The files a design was read from.</summary>
    /// <param name="design">The design.</param>
    /// <returns>The design file, if any.</returns>
    public static IEnumerable<string> InputFiles(SweepDesign design) => design is SweepDesignFile file ? [file.FilePath] : [];

    /// <summary>
    /// Refuses more than <see cref="SweepDesign.MaxParameters"/> columns, or two that set the same value or one inside
    /// the other: the later would silently overwrite what the rows report for the earlier.
    /// </summary>
    /// <param name="paths">The columns' paths as given.</param>
    /// <param name="where">Where the columns were given, to start the message ("--vary", "design.csv:1").</param>
    /// <param name="name">How column <c>c</c> was given, for the message.</param>
    /// <exception cref="UserInputException">Too many columns, or two overlap.</exception>
    public static void CheckColumns(IReadOnlyList<string> paths, string where, Func<int, string> name)
    {
        if (paths.Count > SweepDesign.MaxParameters)
        {
            throw new UserInputException($"{where}: {paths.Count:N0} varied paths; a sweep varies at most {SweepDesign.MaxParameters}.");
        }

        var full = paths.Select(SweepDesign.FullPath).ToList();
        for (int a = 0; a < full.Count; a++)
        {
            for (int b = a + 1; b < full.Count; b++)
            {
                if (SweepDesign.Overlap(full[a], full[b]))
                {
                    string what = full[a] == full[b] ? full[a] : $"{full[a]} and {full[b]}, one inside the other";
                    throw new UserInputException($"{where}: {name(a)} and {name(b)} set the same value ({what}); each path may be varied once.");
                }
            }
        }
    }
}
