namespace ConsensusSim.Cli;

/// <summary>Writes a file so that readers see either the old content or the complete new one, never a torn write.</summary>
internal static class AtomicFile
{
    public static void WriteAllText(string path, string contents)
    {
        string full = Path.GetFullPath(path);
        string? dir = Path.GetDirectoryName(full);
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }

        string temp = full + ".tmp-" + Environment.ProcessId;
        File.WriteAllText(temp, contents);
        File.Move(temp, full, overwrite: true);
    }
}
