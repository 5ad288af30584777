using System.Text;
using ConsensusSim.Serialization;

namespace ConsensusSim.Cli;

/// <summary>
/// Writes a file so that readers see either the old content or the complete new one, never a torn
/// write: the content goes to a temporary file beside the target, is flushed to disk, and is renamed
/// onto the target. A symbolic link is written through (the temporary file goes beside the link's
/// final target, so the link survives); a FIFO or device (<c>/dev/null</c>) cannot be replaced and
/// is written directly; <c>-</c> and <c>/dev/stdout</c> are standard output. No temporary file is
/// left behind, whatever fails.
/// </summary>
internal static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>How a path is written.</summary>
    public enum Mode
    {
        /// <summary>Standard output.</summary>
        StandardOutput,

        /// <summary>A regular file (or none yet): temporary file, flush to disk, rename.</summary>
        Replace,

        /// <summary>A FIFO or device: opened and written as it is.</summary>
        Direct,
    }

    /// <summary>Writes <paramref name="contents"/> as UTF-8 to <paramref name="path"/>.</summary>
    public static void WriteAllText(string path, string contents) => WriteAllBytes(path, Utf8.GetBytes(contents));

    /// <summary>Writes <paramref name="contents"/> to <paramref name="path"/>.</summary>
    public static void WriteAllBytes(string path, byte[] contents)
    {
        switch (ModeOf(path))
        {
            case Mode.StandardOutput:
                Console.Out.Write(Utf8.GetString(contents));
                Console.Out.Flush();
                return;
            case Mode.Direct:
                WriteDirect(path, contents);
                return;
        }

        string target = Resolve(path);
        string temp = WriteTemp(target, contents);
        try
        {
            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            Delete(temp);
        }
    }

    /// <summary>Whether <paramref name="path"/> means standard output.</summary>
    public static bool IsStandardOutput(string path) => path is "-" or "/dev/stdout";

    /// <summary>The path as messages show it: "standard output" for <c>-</c>.</summary>
    public static string Shown(string path) => IsStandardOutput(path) ? "standard output" : path;

    /// <summary>How <paramref name="path"/> is written, by what is there now.</summary>
    public static Mode ModeOf(string path) =>
        IsStandardOutput(path) ? Mode.StandardOutput
        : FileProbe.KindOf(path) is FileKind.Missing or FileKind.Regular or FileKind.Unknown or FileKind.Directory ? Mode.Replace
        : Mode.Direct;

    /// <summary>The full path of the file a write to <paramref name="path"/> replaces: the final target of a link, else the path itself.</summary>
    public static string Resolve(string path)
    {
        var file = new FileInfo(Path.GetFullPath(path));
        return file.LinkTarget is null ? file.FullName : file.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? file.FullName;
    }

    /// <summary>
    /// Writes the content to a new temporary file beside <paramref name="target"/> (creating its
    /// folder), flushed to disk, with the permissions of the file it will replace; returns its path.
    /// Nothing is left behind if this fails.
    /// </summary>
    public static string WriteTemp(string target, byte[] contents)
    {
        var stream = CreateTemp(target, "tmp", out string temp);
        try
        {
            stream.Write(contents);
            Seal(stream, temp, target);
            return temp;
        }
        catch
        {
            stream.Dispose();
            Delete(temp);
            throw;
        }
    }

    /// <summary>
    /// Creates a new, empty temporary file beside <paramref name="target"/> (creating its folder), named
    /// <c>NAME.TAG-PID-RANDOM</c>, for content written over time; <see cref="Seal"/> readies it for the rename.
    /// </summary>
    /// <param name="target">The file it will replace: a full path, links already resolved.</param>
    /// <param name="tag">What the file is, in its name: <c>tmp</c>, <c>partial</c>.</param>
    /// <param name="temp">Its path.</param>
    /// <returns>The open file.</returns>
    public static FileStream CreateTemp(string target, string tag, out string temp)
    {
        string dir = Path.GetDirectoryName(target) ?? ".";
        Directory.CreateDirectory(dir);
        string name = Path.GetFileName(target);

        // A name near the 255-byte limit must leave room for the suffix (at most 25 bytes), counted in bytes, not characters.
        temp = Path.Combine(dir, $"{Prefix(name, 180)}.{tag}-{Environment.ProcessId}-{Path.GetRandomFileName()}");

        // CreateNew: never write through something planted at the temporary name.
        return new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
    }

    /// <summary>
    /// Flushes a temporary file to disk, gives it the permissions of the file it will replace, and closes
    /// it: after this, a rename puts complete content in place even if the machine then fails.
    /// </summary>
    /// <param name="stream">The temporary file, open.</param>
    /// <param name="temp">Its path.</param>
    /// <param name="target">The file it will replace.</param>
    public static void Seal(FileStream stream, string temp, string target)
    {
        using (stream)
        {
            stream.Flush(flushToDisk: true);
        }

        if (!OperatingSystem.IsWindows() && File.Exists(target))
        {
            File.SetUnixFileMode(temp, File.GetUnixFileMode(target));
        }
    }

    /// <summary>The longest start of <paramref name="name"/> of at most <paramref name="bytes"/> bytes of UTF-8, whole characters only.</summary>
    private static string Prefix(string name, int bytes)
    {
        int length = 0;
        foreach (var rune in name.EnumerateRunes())
        {
            bytes -= rune.Utf8SequenceLength;
            if (bytes < 0)
            {
                break;
            }

            length += rune.Utf16SequenceLength;
        }

        return name[..length];
    }

    /// <summary>Writes to a FIFO or device as it is: it cannot be replaced, and it holds no content to tear.</summary>
    public static void WriteDirect(string path, byte[] contents)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 1);
        stream.Write(contents);
        stream.Flush();
    }

    /// <summary>Deletes a temporary file if it is still there.</summary>
    public static void Delete(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The write failed for a reason worth reporting; this one would only hide it.
        }
    }
}
