namespace ConsensusSim.Model;

/// <summary>
/// The reason an <see cref="ArgumentException"/> gives, without the parameter's name and value that .NET appends to
/// its <see cref="Exception.Message"/>. Kept in <see cref="Exception.Data"/>, so that a caller that shows the reason
/// under its own name for the parameter (the command line shows <c>--trials</c> for <c>options.Trials</c>) takes it
/// as given instead of cutting the message apart.
/// </summary>
internal static class ArgumentReason
{
    private const string Key = "ConsensusSim.Reason";

    /// <summary>Attaches the reason to an exception.</summary>
    /// <typeparam name="TException">The exception's type.</typeparam>
    /// <param name="exception">The exception, whose message already says the same with the parameter's name.</param>
    /// <param name="reason">What is wrong with the value, as a phrase that follows the parameter's name: <c>must be at least 1; got 0.</c></param>
    /// <returns>The exception.</returns>
    public static TException With<TException>(TException exception, string reason)
        where TException : ArgumentException
    {
        exception.Data[Key] = reason;
        return exception;
    }

    /// <summary>The reason attached to an exception, or its whole message if none was.</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>The reason.</returns>
    public static string Of(ArgumentException exception) => exception.Data[Key] as string ?? exception.Message;

    /// <summary>An <see cref="ArgumentOutOfRangeException"/> whose message is the parameter's name followed by the reason.</summary>
    /// <param name="parameter">The parameter's name, e.g. <c>options.Trials</c>.</param>
    /// <param name="value">The value refused.</param>
    /// <param name="reason">What is wrong with it, as a phrase that follows the name.</param>
    /// <returns>The exception, to throw.</returns>
    public static ArgumentOutOfRangeException OutOfRange(string parameter, object? value, string reason) =>
        With(new ArgumentOutOfRangeException(parameter, value, $"{parameter} {reason}"), reason);

    /// <summary>An <see cref="ArgumentException"/> whose message is the parameter's name followed by the reason.</summary>
    /// <param name="parameter">The parameter's name, e.g. <c>options.Shard</c>.</param>
    /// <param name="reason">What is wrong with it, as a phrase that follows the name.</param>
    /// <returns>The exception, to throw.</returns>
    public static ArgumentException Invalid(string parameter, string reason) =>
        With(new ArgumentException($"{parameter} {reason}", parameter), reason);

    /// <summary>An <see cref="ArgumentException"/> whose message is the reason, a sentence of its own.</summary>
    /// <param name="parameter">The parameter's name.</param>
    /// <param name="reason">What is wrong, as a sentence.</param>
    /// <returns>The exception, to throw.</returns>
    public static ArgumentException Stated(string parameter, string reason) => With(new ArgumentException(reason, parameter), reason);

    /// <summary>An <see cref="ArgumentOutOfRangeException"/> whose message is the reason, a sentence of its own.</summary>
    /// <param name="parameter">The parameter's name.</param>
    /// <param name="value">The value refused, or <see langword="null"/> to leave it out of the message.</param>
    /// <param name="reason">What is wrong, as a sentence.</param>
    /// <returns>The exception, to throw.</returns>
    public static ArgumentOutOfRangeException StatedOutOfRange(string parameter, object? value, string reason) =>
        With(new ArgumentOutOfRangeException(parameter, value, reason), reason);
}
