using System.Collections.ObjectModel;

namespace ConsensusSim.Model;

/// <summary>
/// Copies of the lists and dictionaries a caller hands to the model's immutable options. Storing the caller's own list
/// would let a change made to it after <see cref="ScenarioBuilder.Build"/> reach the built scenario unvalidated, and a
/// cast of a property back to its mutable type would change a shared scenario for every later run.
/// </summary>
internal static class ReadOnlyCopy
{
    /// <summary>A read-only copy of <paramref name="list"/> (a copy made here is kept as it is), or <see langword="null"/>.</summary>
    public static IReadOnlyList<T>? Of<T>(IReadOnlyList<T>? list) => list switch
    {
        null => null,
        CopiedList<T> copied => copied,
        _ => new CopiedList<T>([.. list]),
    };

    /// <summary>A read-only copy of <paramref name="dictionary"/> that keeps a <see cref="Dictionary{TKey, TValue}"/>'s key comparer (a copy made here is kept as it is), or <see langword="null"/>.</summary>
    public static IReadOnlyDictionary<TKey, TValue>? Of<TKey, TValue>(IReadOnlyDictionary<TKey, TValue>? dictionary)
        where TKey : notnull => dictionary switch
        {
            null => null,
            CopiedDictionary<TKey, TValue> copied => copied,
            _ => new CopiedDictionary<TKey, TValue>(new Dictionary<TKey, TValue>(dictionary, (dictionary as Dictionary<TKey, TValue>)?.Comparer)),
        };

    /// <summary>A list only this class has the items of.</summary>
    private sealed class CopiedList<T>(T[] items) : ReadOnlyCollection<T>(items);

    /// <summary>A dictionary only this class has the entries of.</summary>
    private sealed class CopiedDictionary<TKey, TValue>(Dictionary<TKey, TValue> entries) : ReadOnlyDictionary<TKey, TValue>(entries)
        where TKey : notnull;
}
