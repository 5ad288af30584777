using System.Globalization;
using System.Text;

namespace ConsensusSim.Serialization;

/// <summary>
/// Reads every file the library and the tool take as input (scenarios, actor tables, checkpoints,
/// shards, sweep parts) within a stated limit: only regular files (a FIFO would wait forever for a
/// writer, <c>/dev/zero</c> never ends), and never more than the limit plus one byte, whatever the
/// file claims its length to be.
/// </summary>
internal static class InputFile
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads the file's bytes.</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">The most bytes accepted.</param>
    /// <param name="kind">What the file is, plural, for messages: "scenario files".</param>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="path"/>.</exception>
    /// <exception cref="InputFileException">It is not a regular file, or it is larger than <paramref name="maxBytes"/>.</exception>
    public static byte[] ReadAllBytes(string path, int maxBytes, string kind)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        var type = FileProbe.KindOf(path);
        switch (type)
        {
            case FileKind.Missing:
                throw new FileNotFoundException($"{path}: no such file.", path);
            case FileKind.Regular or FileKind.Unknown:
                break;
            default:
                throw new InputFileException(path, $"{Describe(type)}, not a regular file; {kind} are read from regular files only.");
        }

        using var stream = OpenToRead(path, kind);
        using var content = new MemoryStream();
        var chunk = new byte[81_920];
        while (true)
        {
            int want = (int)Math.Min(chunk.Length, (long)maxBytes + 1 - content.Length);
            int read = stream.Read(chunk, 0, want);
            if (read == 0)
            {
                break;
            }

            content.Write(chunk, 0, read);
            if (content.Length > maxBytes)
            {
                long length = Math.Max(content.Length, SafeLength(stream));
                throw new InputFileException(path, TooLarge(length, maxBytes, kind));
            }
        }

        return content.ToArray();
    }

    /// <summary>Opens the file to read; one the user may not read is their input's problem, named as such.</summary>
    private static FileStream OpenToRead(string path, string kind)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.SequentialScan);
        }
        catch (UnauthorizedAccessException)
        {
            throw new InputFileException(path, $"cannot be read: permission denied; {kind} must be readable by the user running consensussim.");
        }
    }

    /// <summary>Reads the file as UTF-8 text, refusing invalid bytes instead of replacing them.</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">The most bytes accepted.</param>
    /// <param name="kind">What the file is, plural, for messages.</param>
    /// <returns>The text, without a byte-order mark.</returns>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="path"/>.</exception>
    /// <exception cref="InputFileException">Not a regular file, too large, or not UTF-8 (with the line).</exception>
    public static string ReadAllText(string path, int maxBytes, string kind)
    {
        byte[] bytes = ReadAllBytes(path, maxBytes, kind);
        return DecodeUtf8(bytes, out var problem, out int line) ?? throw new InputFileException(path, problem!, line);
    }

    /// <summary>Decodes UTF-8 strictly, skipping a UTF-8 byte-order mark; on failure returns null with the problem and its line.</summary>
    public static string? DecodeUtf8(ReadOnlySpan<byte> bytes, out string? problem, out int line)
    {
        line = 1;
        problem = null;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            problem = "The file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8.";
            return null;
        }

        var body = bytes.StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;
        if (System.Text.Unicode.Utf8.IsValid(body))
        {
            return StrictUtf8.GetString(body);
        }

        int offset = 0;
        while (Rune.DecodeFromUtf8(body[offset..], out _, out int consumed) == System.Buffers.OperationStatus.Done)
        {
            offset += consumed;
        }

        line = body[..offset].Count((byte)'\n') + 1;
        int column = offset - (body[..offset].LastIndexOf((byte)'\n') + 1) + 1;
        problem = string.Create(CultureInfo.InvariantCulture, $"The file is not valid UTF-8 (byte 0x{body[offset]:X2} at byte {column} of line {line}); save it as UTF-8.");
        return null;
    }

    /// <summary>The message for a file over its limit.</summary>
    public static string TooLarge(long length, int maxBytes, string kind) =>
        string.Create(CultureInfo.InvariantCulture, $"The file is {length:N0} bytes; {kind} are limited to {maxBytes:N0} bytes.");

    private static long SafeLength(FileStream stream)
    {
        try
        {
            return stream.Length;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Says what a path that is not a regular file is, for messages.</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Directory => "It is a directory",
        FileKind.Pipe => "It is a named pipe (FIFO)",
        FileKind.CharacterDevice => "It is a character device",
        FileKind.BlockDevice => "It is a block device",
        FileKind.Socket => "It is a socket",
        _ => "It is a special file",
    };
}
