using System.Text;

namespace ConsensusSim.Cli;

/// <summary>
/// The file 'merge --list' reads: the paths of the parts, one a line. A Slurm merge job of many tasks names
/// its parts this way because their paths on its command line would pass the operating system's limit on
/// a command's arguments (about 2 MB on Linux: some 30,000 paths of a cluster folder).
/// </summary>
internal static class PartList
{
    /// <summary>The most parts a list may name: the most tasks 'slurm' writes, and design points a sweep has.</summary>
    public const int MaxParts = 100_000;

    /// <summary>The largest list read: 100,000 paths of 160 characters.</summary>
    public const int MaxBytes = 16 << 20;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads the paths: every line that is not blank, as it is but for a final carriage return.</summary>
    /// <param name="path">The list.</param>
    /// <returns>The paths, in order.</returns>
    /// <exception cref="UserInputException">The list is missing, not a regular file, too large, not UTF-8, names no part or too many.</exception>
    public static string[] Read(string path)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(BoundedFile.Read(path, MaxBytes, "list of parts"));
        }
        catch (DecoderFallbackException)
        {
            throw new UserInputException($"{path}: not UTF-8 text (a list of parts names one file a line).");
        }

        var paths = new List<string>();
        int number = 0;
        foreach (string raw in text.Split('\n'))
        {
            number++;
            string line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            if (paths.Count == MaxParts)
            {
                throw new UserInputException($"{path}:{number}: more than {MaxParts:N0} parts, the most one merge takes.");
            }

            paths.Add(line);
        }

        return paths.Count > 0 ? [.. paths] : throw new UserInputException($"{path}: names no parts (one path a line).");
    }
}
