namespace ConsensusSim.Cli;

/// <summary>Bad input from the user: reported on stderr as one message, exit code 2.</summary>
internal sealed class UserInputException(string message) : Exception(message);
