namespace ConsensusSim.Cli;

/// <summary>The tool's exit codes, stable for scripts.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>Something failed that is not the user's input.</summary>
    public const int Failure = 1;

    /// <summary>The input (scenario file or options) is invalid; nothing was written.</summary>
    public const int InvalidInput = 2;

    /// <summary>Interrupted by Ctrl+C or SIGTERM (as shells report a SIGINT); what was complete was written, marked as partial.</summary>
    public const int Interrupted = 130;
}
