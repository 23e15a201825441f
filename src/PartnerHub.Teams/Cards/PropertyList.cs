using System.Collections;
using System.Text.Json.Nodes;

namespace PartnerHub.Teams.Cards;

/// <summary>
/// A reusable list of one object's properties, handed to <see cref="JsonObject"/>'s constructor: as a collection it
/// lets the object size its dictionary once, where adding property by property grows it (and allocates) step by step.
/// It is its own enumerator, so the constructor's foreach allocates nothing. One per nesting depth and thread.
/// </summary>
internal sealed class PropertyList : ICollection<KeyValuePair<string, JsonNode?>>, IEnumerator<KeyValuePair<string, JsonNode?>>
{
    [ThreadStatic]
    private static List<PropertyList>? t_lists;

    [ThreadStatic]
    private static int t_depth;

    private KeyValuePair<string, JsonNode?>[] _items = new KeyValuePair<string, JsonNode?>[16];
    private int _count;
    private int _position = -1;

    public int Count => _count;

    public bool IsReadOnly => false;

    public KeyValuePair<string, JsonNode?> Current => _items[_position];

    object IEnumerator.Current => Current;

    /// <summary>Forgets the lists taken and not given back (an expansion that threw); call before building a card.</summary>
    public static void Restart() => t_depth = 0;

    /// <summary>An empty list for one object; give it back with <see cref="ToObject"/>.</summary>
    public static PropertyList Take()
    {
        var lists = t_lists ??= [];
        if (t_depth == lists.Count)
        {
            lists.Add(new PropertyList());
        }

        var list = lists[t_depth++];
        list._count = 0;
        return list;
    }

    public void Add(KeyValuePair<string, JsonNode?> item)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _count * 2);
        }

        _items[_count++] = item;
    }

    public void Add(string name, JsonNode? value) => Add(new KeyValuePair<string, JsonNode?>(name, value));

    /// <summary>The object of these properties, in order; the list is cleared and given back.</summary>
    public JsonObject ToObject()
    {
        var result = new JsonObject(this);
        Array.Clear(_items, 0, _count);
        _count = 0;
        t_depth--;
        return result;
    }

    public IEnumerator<KeyValuePair<string, JsonNode?>> GetEnumerator()
    {
        _position = -1;
        return this;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool MoveNext() => ++_position < _count;

    public void Reset() => _position = -1;

    public void Dispose()
    {
    }

    public void Clear() => _count = 0;

    public bool Contains(KeyValuePair<string, JsonNode?> item) => throw new NotSupportedException();

    public void CopyTo(KeyValuePair<string, JsonNode?>[] array, int arrayIndex) => Array.Copy(_items, 0, array, arrayIndex, _count);

    public bool Remove(KeyValuePair<string, JsonNode?> item) => throw new NotSupportedException();
}
