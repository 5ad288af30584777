using System.Globalization;
using System.Text;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;

namespace ConsensusSim.Sweeps;

/// <summary>
/// The finished points of a sweep, a result file each (<c>point-N.json</c>, <see cref="ResultJson"/>): written to a
/// temporary file beside it, flushed to disk and renamed, so a file that exists is whole; one whose tallies were edited
/// or damaged is refused by its checksum. Files of different parts of a sweep never collide: a part writes only its
/// own points.
/// </summary>
internal sealed class SweepCheckpoints
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly string _directory;

    private SweepCheckpoints(string directory) => _directory = directory;

    /// <summary>Opens (and if need be creates) the folder.</summary>
    /// <param name="directory">The folder.</param>
    /// <returns>The store.</returns>
    /// <exception cref="ArgumentException">The folder cannot be created or written to.</exception>
    public static SweepCheckpoints Open(string directory)
    {
        string full;
        try
        {
            full = Directory.CreateDirectory(directory).FullName;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ArgumentException($"The checkpoint folder '{directory}' cannot be created: {ex.Message}", SweepSchedule.CheckpointOption, ex);
        }

        // A folder the sweep cannot write to would fail only when the first point is saved, after it has run.
        string probe = Path.Combine(full, $".write-check-{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"The checkpoint folder '{directory}' cannot be written to: {ex.Message}", SweepSchedule.CheckpointOption, ex);
        }

        return new SweepCheckpoints(full);
    }

    /// <summary>The file of design point <paramref name="index"/> (0-based; the name is 1-based).</summary>
    /// <param name="index">The point.</param>
    /// <returns>The path.</returns>
    public string PathOf(int index) => Path.Combine(_directory, string.Create(CultureInfo.InvariantCulture, $"point-{index + 1}.json"));

    /// <summary>The saved result of a point, if there is one.</summary>
    /// <param name="index">The point.</param>
    /// <returns>The result, or null.</returns>
    /// <exception cref="ResultFileException">The file is not a whole, untampered result, or not a regular file of at most <see cref="ResultJson.MaxFileBytes"/>.</exception>
    public SimulationResult? Load(int index)
    {
        string path = PathOf(index);
        if (FileProbe.KindOf(path) == FileKind.Missing)
        {
            return null;
        }

        // Read bounded and only from a regular file: a named pipe put there would block the sweep for good, and a link
        // to /dev/zero would fill the memory.
        string text;
        try
        {
            text = InputFile.ReadAllText(path, ResultJson.MaxFileBytes, "sweep checkpoints");
        }
        catch (InputFileException ex)
        {
            throw new ResultFileException(path, ex.Line ?? 1, "$", ex.Problem);
        }

        return ResultJson.Deserialize(text, path);
    }

    /// <summary>Saves a point's complete result atomically.</summary>
    /// <param name="index">The point.</param>
    /// <param name="result">Its result.</param>
    public void Save(int index, SimulationResult result)
    {
        string path = PathOf(index);
        string temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(Utf8.GetBytes(ResultJson.Serialize(result)));

                // On disk before it gets its name: a crash leaves the old state or the whole file, never half of it.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
