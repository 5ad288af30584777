namespace ConsensusSim.Cli;

/// <summary>
/// Reads a whole input file, at most a stated number of bytes: a device such as <c>/dev/zero</c> or a
/// huge file is refused when the limit is passed rather than read into memory.
/// </summary>
internal static class BoundedFile
{
    /// <summary>The file's bytes.</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">The most it may hold.</param>
    /// <param name="what">What the file is, for the message ("design file").</param>
    /// <returns>Its content.</returns>
    /// <exception cref="UserInputException">The file does not exist, is empty, is not a regular file or readable, or is larger than <paramref name="maxBytes"/>.</exception>
    public static byte[] Read(string path, int maxBytes, string what)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new UserInputException($"{path}: no such {what}.");
        }

        // A pipe or a device reports no length; opening a named pipe would wait for a writer forever.
        if (info.Length == 0)
        {
            throw new UserInputException($"{path}: empty, or not a regular file; a {what} must be a file.");
        }

        // InputFile does the same in the library; the tool keeps its own, as its list of internal uses only shrinks.
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        }
        catch (UnauthorizedAccessException)
        {
            throw new UserInputException($"{path}: cannot be read: permission denied; a {what} must be readable by the user running consensussim.");
        }

        using var owned = stream;
        var content = new MemoryStream((int)Math.Min(info.Length, maxBytes));
        var buffer = new byte[81_920];
        int read;
        while ((read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, maxBytes + 1L - content.Length))) > 0)
        {
            content.Write(buffer, 0, read);
            if (content.Length > maxBytes)
            {
                throw new UserInputException($"{path}: more than {maxBytes:N0} bytes; a {what} is limited to {maxBytes:N0} bytes.");
            }
        }

        return content.ToArray();
    }
}
