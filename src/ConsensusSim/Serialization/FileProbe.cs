using System.Runtime.InteropServices;
using System.Text;

namespace ConsensusSim.Serialization;

/// <summary>What a path names, following symbolic links.</summary>
internal enum FileKind
{
    /// <summary>Nothing exists at the path (or a link dangles).</summary>
    Missing,

    /// <summary>A regular file.</summary>
    Regular,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A named pipe (FIFO): reading waits for a writer, perhaps forever.</summary>
    Pipe,

    /// <summary>A character device such as <c>/dev/zero</c> or a terminal: endless or interactive.</summary>
    CharacterDevice,

    /// <summary>A block device.</summary>
    BlockDevice,

    /// <summary>A Unix socket.</summary>
    Socket,

    /// <summary>Something exists but this platform does not say what (not Linux): treated as a regular file.</summary>
    Unknown,
}

/// <summary>
/// The type and identity of files, which .NET does not expose: <see cref="FileSystemInfo"/> reports a
/// FIFO or <c>/dev/zero</c> as a normal file of length 0. On Linux it asks the kernel (statx, whose
/// layout is the same on every architecture); elsewhere it falls back to what .NET can tell.
/// </summary>
internal static class FileProbe
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const uint StatxIno = 0x100;

    /// <summary>What <paramref name="path"/> names, after following links.</summary>
    public static FileKind KindOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (TryStatx(path, out var buffer))
        {
            return (buffer.Mode & 0xF000) switch
            {
                0x8000 => FileKind.Regular,
                0x4000 => FileKind.Directory,
                0x1000 => FileKind.Pipe,
                0x2000 => FileKind.CharacterDevice,
                0x6000 => FileKind.BlockDevice,
                0xC000 => FileKind.Socket,
                _ => FileKind.Unknown,
            };
        }

        return Directory.Exists(path) ? FileKind.Directory : File.Exists(path) ? FileKind.Unknown : FileKind.Missing;
    }

    /// <summary>
    /// A key that is equal for two paths exactly when they name the same existing file — through
    /// symbolic links, hard links and <c>..</c> — or <see langword="null"/> if nothing exists there.
    /// </summary>
    public static string? IdentityOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (TryStatx(path, out var buffer))
        {
            return $"{buffer.DevMajor}:{buffer.DevMinor}:{buffer.Inode}";
        }

        if (!File.Exists(path) && !Directory.Exists(path))
        {
            return null;
        }

        // Without the kernel's word, the link's final target by its full path is the best key.
        var file = new FileInfo(Path.GetFullPath(path));
        return file.LinkTarget is null ? file.FullName : file.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? file.FullName;
    }

    private static bool TryStatx(string path, out StatxBuffer buffer)
    {
        buffer = default;
        if (!OperatingSystem.IsLinux() || path.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        byte[] name = Encoding.UTF8.GetBytes(path + "\0");
        try
        {
            return Statx(AtFdCwd, name, 0, StatxType | StatxIno, out buffer) == 0;
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            // A C library older than glibc 2.28 or musl 1.2.5: fall back to what .NET can tell.
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int dirfd, byte[] path, int flags, uint mask, out StatxBuffer buffer);

    /// <summary>The fields of Linux's <c>struct statx</c> read here, at their fixed offsets.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(28)]
        public ushort Mode;

        [FieldOffset(32)]
        public ulong Inode;

        [FieldOffset(136)]
        public uint DevMajor;

        [FieldOffset(140)]
        public uint DevMinor;
    }
}
