using ConsensusSim.Simulation;
using ConsensusSim.Model;

namespace ConsensusSim.Cli;

/// <summary>
/// The command line's names for the library's parameters. The library checks every value it is given and refuses a
/// bad one with an <see cref="ArgumentException"/> naming the parameter (<c>options.Trials</c>) and carrying its reason
/// (<see cref="ArgumentReason"/>); a command shows that reason under the name the user typed (<c>--trials</c>), with
/// exit 2. So each value has one check and one message, the library's, whichever command passes it on.
/// </summary>
internal sealed class OptionNames
{
    private readonly Dictionary<string, string> _names;

    private OptionNames(Dictionary<string, string> names) => _names = names;

    /// <summary>The options of a run (<see cref="SimulationOptions"/>), as <c>run</c> names them.</summary>
    public static OptionNames Run { get; } = new(new(StringComparer.Ordinal)
    {
        ["options.Trials"] = "--trials",
        ["options.MaxDegreeOfParallelism"] = "--threads",
        ["options.ChunkSize"] = "--chunk-size",
        ["options.Precision"] = "--precision",
        ["options.Shard"] = "--shard",
        ["options.RareEvent"] = "--rare",
    });

    /// <summary>These names and one more, or another name for one of them.</summary>
    /// <param name="parameter">The library's name, e.g. <c>options.MaxDegreeOfParallelism</c>.</param>
    /// <param name="name">What the message shows instead: an option, <c>--cpus-per-task</c>, or a file.</param>
    /// <returns>The names.</returns>
    public OptionNames With(string parameter, string name) => new(new(_names, StringComparer.Ordinal) { [parameter] = name });

    /// <summary>Names for parameters of another library call.</summary>
    /// <param name="names">The library's names and the command line's.</param>
    /// <returns>The names.</returns>
    public static OptionNames Of(params (string Parameter, string Name)[] names) =>
        new(names.ToDictionary(n => n.Parameter, n => n.Name, StringComparer.Ordinal));

    /// <summary>Makes a library call, turning its refusal of a named parameter into the user's input error.</summary>
    /// <typeparam name="T">What the call returns.</typeparam>
    /// <param name="call">The call.</param>
    /// <returns>What it returned.</returns>
    /// <exception cref="UserInputException">The call refused a parameter that has a name here.</exception>
    public T Call<T>(Func<T> call)
    {
        try
        {
            return call();
        }
        catch (ArgumentException ex) when (Refusal(ex) is { } refusal)
        {
            throw refusal;
        }
    }

    /// <summary>Makes a library call that returns nothing, turning its refusal of a named parameter into the user's input error.</summary>
    /// <param name="call">The call.</param>
    /// <exception cref="UserInputException">The call refused a parameter that has a name here.</exception>
    public void Call(Action call) => Call(() =>
    {
        call();
        return true;
    });

    /// <summary>Checks options as a run would, before any input is read.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="UserInputException">An option is refused.</exception>
    public void Check(SimulationOptions options) => Call(options.Validate);

    /// <summary>The user's input error for a library's refusal, or <see langword="null"/> if the parameter has no name here.</summary>
    /// <param name="ex">The refusal.</param>
    /// <returns>The error: the name, then the library's reason.</returns>
    public UserInputException? Refusal(ArgumentException ex) =>
        ex.ParamName is { } parameter && _names.TryGetValue(parameter, out string? name)
            ? new UserInputException($"{name} {ArgumentReason.Of(ex)}")
            : null;
}
