using System.Text;
using ConsensusSim.Serialization;

namespace ConsensusSim.Cli;

/// <summary>
/// Every file a command will write, checked before the command does any work and written together
/// at the end. Checking first means a bad path fails in a second, with exit 2 naming the option,
/// instead of after an hour of trials; writing together means that if one file cannot be written,
/// none is: all contents go to temporary files first and are renamed into place only when every one
/// of them was written. A command never writes over one of its input files (compared as files,
/// through links), and two options never name the same file.
/// </summary>
internal sealed class OutputPlan
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The longest name of a file or folder: 255 bytes of UTF-8 on Linux and macOS, 255 UTF-16 units on Windows.</summary>
    private const int MaxNameLength = 255;
    private readonly TextWriter _stdout;
    private readonly List<(string Path, string Identity)> _inputs = [];
    private readonly List<Output> _outputs = [];
    private readonly List<(string Option, string Path, string Full)> _folders = [];

    /// <summary>Starts a plan.</summary>
    /// <param name="stdout">Where <c>-</c> writes.</param>
    /// <param name="inputs">The files the command reads, which it must not write over; <see langword="null"/>s are skipped.</param>
    public OutputPlan(TextWriter stdout, IEnumerable<string?> inputs)
    {
        // Files on standard output are data: they bypass the filter for people's terminals.
        _stdout = PrintableWriter.Unwrap(stdout);
        foreach (string? input in inputs)
        {
            if (input is not null && FileProbe.IdentityOf(input) is { } identity)
            {
                _inputs.Add((input, identity));
            }
        }
    }

    /// <summary>Whether some output is standard output, so messages for people should go elsewhere.</summary>
    public bool UsesStandardOutput => _outputs.Any(o => o.Mode == AtomicFile.Mode.StandardOutput);

    /// <summary>Declares a file to write and checks it now.</summary>
    /// <param name="option">The option that names it, for messages: <c>--json</c>.</param>
    /// <param name="path">The path as given.</param>
    /// <param name="rules">What else the file must satisfy.</param>
    /// <exception cref="UserInputException">The path cannot be written, or would write over an input or another output.</exception>
    public Output File(string option, string path, OutputRules rules = OutputRules.None)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new UserInputException($"{option}: the path is empty.");
        }

        if (AtomicFile.IsStandardOutput(path))
        {
            if (!rules.HasFlag(OutputRules.NotStandardOutput))
            {
                return Add(new Output(option, path, path, AtomicFile.Mode.StandardOutput, rules));
            }

            throw new UserInputException($"{option} {path}: this file is read back later, so it cannot be standard output; give a file path.");
        }

        string full = FullPath(option, path);
        var kind = FileProbe.KindOf(full);
        bool exists = kind != FileKind.Missing || new FileInfo(full).LinkTarget is not null;
        if (rules.HasFlag(OutputRules.New) && exists)
        {
            throw new UserInputException($"{path} already exists; choose another name or {option}.");
        }

        switch (kind)
        {
            case FileKind.Directory:
                throw new UserInputException($"{option} {path}: is a directory; give the path of a file.");
            case FileKind.Missing or FileKind.Regular or FileKind.Unknown:
                string target = Resolve(option, path, full);
                CheckFolder(option, path, Path.GetDirectoryName(target) ?? full);
                return Add(new Output(option, path, target, AtomicFile.Mode.Replace, rules));
            default:
                if (rules.HasFlag(OutputRules.RegularFile))
                {
                    throw new UserInputException($"{option} {path}: is a {Describe(kind)}; this file is read back later, so it must be a regular file.");
                }

                return Add(new Output(option, path, full, AtomicFile.Mode.Direct, rules));
        }
    }

    /// <summary>Declares a folder of files to write and checks it and each of them now.</summary>
    /// <param name="option">The option that names it: <c>--out</c>.</param>
    /// <param name="path">The folder as given.</param>
    /// <param name="names">The names of the files the command may write into it.</param>
    /// <returns>The files by name.</returns>
    public IReadOnlyDictionary<string, Output> Folder(string option, string path, IEnumerable<string> names)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new UserInputException($"{option}: the path is empty.");
        }

        if (AtomicFile.IsStandardOutput(path))
        {
            throw new UserInputException($"{option} {path}: {option} is a folder for several files; standard output cannot hold them.");
        }

        string full = FullPath(option, path);
        var kind = FileProbe.KindOf(full);
        if (kind is not (FileKind.Missing or FileKind.Directory))
        {
            throw new UserInputException($"{option} {path}: is a {Describe(kind)}, not a folder.");
        }

        CheckFolder(option, path, full);
        foreach (var other in _outputs.Where(o => o.Mode != AtomicFile.Mode.StandardOutput))
        {
            if (Contains(other.Target, full))
            {
                throw new UserInputException($"{option} {path} is a folder where {other.Option} {other.Path} writes a file; give each output its own path.");
            }
        }

        _folders.Add((option, path, full));
        return names.ToDictionary(n => n, n => File(option, Path.Combine(path, n), OutputRules.RegularFile | OutputRules.NotStandardOutput), StringComparer.Ordinal);
    }

    /// <summary>
    /// Writes every output that has content: first all temporary files, then the renames; then
    /// FIFOs and devices, then standard output. Temporary files never outlive this call.
    /// </summary>
    /// <returns>The outputs written, as the user named them.</returns>
    public IReadOnlyList<string> Commit()
    {
        var ready = _outputs.Where(o => o.Content is not null).ToList();
        var staged = new List<(Output Output, string Temp)>();
        try
        {
            foreach (var output in ready.Where(o => o.Mode == AtomicFile.Mode.Replace))
            {
                staged.Add((output, AtomicFile.WriteTemp(output.Target, output.Content!)));
            }

            foreach (var (output, temp) in staged)
            {
                System.IO.File.Move(temp, output.Target, overwrite: !output.Rules.HasFlag(OutputRules.New));
            }
        }
        finally
        {
            foreach (var (_, temp) in staged)
            {
                AtomicFile.Delete(temp);
            }
        }

        foreach (var output in ready.Where(o => o.Mode == AtomicFile.Mode.Direct))
        {
            AtomicFile.WriteDirect(output.Target, output.Content!);
        }

        foreach (var output in ready.Where(o => o.Mode == AtomicFile.Mode.StandardOutput))
        {
            _stdout.Write(Utf8.GetString(output.Content!));
            _stdout.Flush();
        }

        return [.. ready.Select(o => o.Path)];
    }

    private static string FullPath(string option, string path)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UserInputException($"{option} {path}: not a usable path ({ex.Message.TrimEnd('.')}).");
        }

        // Otherwise found only when the file is written, after all the work.
        foreach (string name in full.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar))
        {
            int length = OperatingSystem.IsWindows() ? name.Length : Utf8.GetByteCount(name);
            if (length > MaxNameLength)
            {
                string shown = name.Length > 24 ? string.Concat(name.AsSpan(0, char.IsHighSurrogate(name[23]) ? 23 : 24), "…") : name;
                throw new UserInputException($"{option}: the name '{shown}' in the path is {length:N0} {(OperatingSystem.IsWindows() ? "characters" : "bytes")} long; a file or folder name holds at most {MaxNameLength}.");
            }
        }

        return full;
    }

    private static string Resolve(string option, string path, string full)
    {
        try
        {
            return AtomicFile.Resolve(full);
        }
        catch (IOException ex)
        {
            throw new UserInputException($"{option} {path}: the link cannot be followed ({ex.Message.TrimEnd('.')}).");
        }
    }

    /// <summary>Checks that files can be created in <paramref name="folder"/>, or in its nearest existing ancestor if it is yet to be made.</summary>
    private static void CheckFolder(string option, string path, string folder)
    {
        string existing = folder;
        while (FileProbe.KindOf(existing) == FileKind.Missing)
        {
            string? parent = Path.GetDirectoryName(existing);
            if (parent is null)
            {
                break;
            }

            existing = parent;
        }

        if (FileProbe.KindOf(existing) != FileKind.Directory)
        {
            throw new UserInputException($"{option} {path}: {existing} is not a folder.");
        }

        // Permissions, read-only mounts, /proc and quotas all show in one honest attempt.
        string probe = Path.Combine(existing, $".consensussim-probe-{Environment.ProcessId}-{Path.GetRandomFileName()}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            AtomicFile.Delete(probe);
            throw new UserInputException($"{option} {path}: cannot create files in {existing} ({ex.Message.TrimEnd('.')}).");
        }
    }

    /// <summary>Whether <paramref name="folder"/> is the file <paramref name="file"/> or lies inside it, so that one of them cannot be made.</summary>
    private static bool Contains(string file, string folder)
    {
        string f = Path.TrimEndingDirectorySeparator(file), d = Path.TrimEndingDirectorySeparator(folder);
        return string.Equals(f, d, StringComparison.Ordinal) || d.StartsWith(f + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    private static string Describe(FileKind kind) => kind switch
    {
        FileKind.Regular or FileKind.Unknown => "file",
        FileKind.Pipe => "named pipe (FIFO)",
        FileKind.CharacterDevice => "character device",
        FileKind.BlockDevice => "block device",
        FileKind.Socket => "socket",
        _ => "special file",
    };

    private Output Add(Output output)
    {
        if (output.Mode == AtomicFile.Mode.StandardOutput && _outputs.FirstOrDefault(o => o.Mode == output.Mode) is { } taken)
        {
            throw new UserInputException($"{output.Option} {output.Path}: standard output is already taken by {taken.Option}.");
        }

        string? identity = output.Mode == AtomicFile.Mode.StandardOutput ? null : FileProbe.IdentityOf(output.Target);
        foreach (var (input, inputIdentity) in _inputs)
        {
            if (identity == inputIdentity)
            {
                throw new UserInputException($"{output.Option} {output.Path} is the input file {input}; refusing to write over an input.");
            }
        }

        foreach (var (option, path, full) in _folders)
        {
            if (output.Option != option && output.Mode != AtomicFile.Mode.StandardOutput && Contains(output.Target, full))
            {
                throw new UserInputException($"{output.Option} {output.Path} is where {option} {path} makes a folder; give each output its own path.");
            }
        }

        foreach (var other in _outputs.Where(o => o.Mode != AtomicFile.Mode.StandardOutput))
        {
            if (string.Equals(other.Target, output.Target, StringComparison.Ordinal) || (identity is not null && identity == FileProbe.IdentityOf(other.Target)))
            {
                throw new UserInputException($"{output.Option} {output.Path} and {other.Option} {other.Path} name the same file; give each output its own.");
            }

            if (Contains(other.Target, output.Target) || Contains(output.Target, other.Target))
            {
                throw new UserInputException($"{output.Option} {output.Path} and {other.Option} {other.Path}: one would be a folder holding the other, and a file besides; give each output its own path.");
            }
        }

        _outputs.Add(output);
        return output;
    }
}

/// <summary>What an output file must satisfy beyond being writable.</summary>
[Flags]
internal enum OutputRules
{
    /// <summary>Any writable path, <c>-</c> for standard output, a FIFO or a device.</summary>
    None = 0,

    /// <summary>Not <c>-</c>: the file is read back (a checkpoint) or is one of several in a folder.</summary>
    NotStandardOutput = 1,

    /// <summary>A regular file or none yet, never a FIFO or device: the file is read back later.</summary>
    RegularFile = 2,

    /// <summary>Nothing may exist at the path yet.</summary>
    New = 4,
}

/// <summary>One file of an <see cref="OutputPlan"/>.</summary>
/// <param name="Option">The option that named it.</param>
/// <param name="Path">The path as given.</param>
/// <param name="Target">The file written: the final target of a link, or the path itself.</param>
/// <param name="Mode">How it is written.</param>
/// <param name="Rules">What it must satisfy.</param>
internal sealed record Output(string Option, string Path, string Target, AtomicFile.Mode Mode, OutputRules Rules)
{
    /// <summary>The bytes to write, once known; outputs without content are not written.</summary>
    public byte[]? Content { get; private set; }

    /// <summary>Sets the content as UTF-8 text.</summary>
    public void Set(string text) => Content = Encoding.UTF8.GetBytes(text);

    /// <summary>Sets the content as bytes.</summary>
    public void Set(byte[] bytes) => Content = bytes;
}
