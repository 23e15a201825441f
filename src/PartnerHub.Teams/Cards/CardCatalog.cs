using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PartnerHub.Teams.Cards;

/// <summary>
/// Every <c>*.card.json</c> template in one folder, parsed once at load, plus <c>strings.da.json</c> and
/// <c>strings.en.json</c>. Rendering merges the language's strings into the data as <c>strings</c>.
/// </summary>
public sealed class CardCatalog
{
    private const string CardSuffix = ".card.json";
    private readonly Dictionary<string, CardTemplate> _cards;
    private readonly Dictionary<string, JsonObject> _strings;

    // The strings as the engine reads them, converted once: a render converts only its own data. Never written to.
    private readonly Dictionary<string, JsObject> _stringValues;

    // A card rendered without data of its own (help, the plain welcome) depends on nothing but its template and the
    // language's strings, both fixed at load: expanded once per language, then handed out as a new JsonObject over the
    // same read-only element (a JsonObject copies on write, so no caller sees another's change). Holds no user data.
    // Every string of each language's strings, escaped once as a writer without an encoder of its own escapes it, keyed
    // by the very string object the engine reads: WriteTo copies these instead of escaping the same text every render.
    private readonly Dictionary<string, Dictionary<string, JsonEncodedText>> _escaped = [];

    private readonly ConcurrentDictionary<(string Card, string Language), ConstantCard> _constantCards = new();

    private CardCatalog(Dictionary<string, CardTemplate> cards, Dictionary<string, JsonObject> strings)
    {
        _cards = cards;
        _strings = strings;
        _stringValues = [];
        foreach (var (language, texts) in strings)
        {
            try
            {
                var values = (JsObject)JsValue.FromNode(texts)!;
                values.Freeze();
                _stringValues[language] = values;
                _escaped[language] = Escape(values);
            }
            catch (ArgumentException ex)
            {
                throw new CardTemplateException($"strings.{language}.json has an object with a duplicate key.", ex);
            }
        }
    }

    public IReadOnlyCollection<string> CardNames => _cards.Keys;

    /// <summary>Loads and validates every template now, so a bad card stops start-up rather than a user's request.</summary>
    public static CardCatalog Load(string directory)
    {
        var cards = new Dictionary<string, CardTemplate>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(directory, "*" + CardSuffix).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file)[..^CardSuffix.Length];
            try
            {
                cards[name] = CardTemplate.Parse(File.ReadAllText(file));
            }
            catch (CardTemplateException ex)
            {
                throw new CardTemplateException($"{Path.GetFileName(file)}: {ex.Message}", ex);
            }
        }

        var strings = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var language in new[] { "da", "en" })
        {
            var path = Path.Combine(directory, $"strings.{language}.json");
            strings[language] = File.Exists(path)
                ? JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new CardTemplateException($"{path} must hold a JSON object.")
                : [];
        }

        return new CardCatalog(cards, strings);
    }

    /// <summary>
    /// "en", "en-GB", ... give English; everything else (including null) Danish, the programme's default. The same rule
    /// as Core's Languages.FromLocale (this project may not reference Core); a test in the Api tests holds them together.
    /// </summary>
    public static string ResolveLanguage(string? language) =>
        language is not null && (language.Equals("en", StringComparison.OrdinalIgnoreCase) || language.StartsWith("en-", StringComparison.OrdinalIgnoreCase))
            ? "en"
            : "da";

    /// <summary>The data the template sees: a copy of <paramref name="data"/> with the language's strings as <c>strings</c>.</summary>
    public JsonObject DataFor(JsonObject data, string? language)
    {
        ArgumentNullException.ThrowIfNull(data);
        var merged = data.DeepClone().AsObject();
        merged["strings"] = _strings[ResolveLanguage(language)].DeepClone();
        return merged;
    }

    /// <summary>
    /// A text from the language's strings by dotted path ("error.unknownAction"), for messages outside a card
    /// (invoke error bodies). A missing path is a programming error and throws, never an empty message.
    /// </summary>
    public string Text(string? language, string dottedPath)
    {
        JsonNode? node = _strings[ResolveLanguage(language)];
        foreach (var segment in dottedPath.Split('.'))
        {
            node = node is JsonObject obj ? obj[segment] : null;
        }

        return node is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new KeyNotFoundException($"No string '{dottedPath}' in strings.{ResolveLanguage(language)}.json.");
    }

    public JsonObject Render(string cardName, JsonObject data, string? language)
    {
        var template = Template(cardName);
        ArgumentNullException.ThrowIfNull(data);
        var resolved = ResolveLanguage(language);
        return data.Count == 0
            ? JsonObject.Create(Constant(cardName, template, data, resolved).Element)!
            : template.ExpandCard(DataValue(data, resolved));
    }

    /// <summary>
    /// <see cref="Render"/> written to <paramref name="writer"/>, for a caller that only sends the card on: the same
    /// bytes as <c>Render(cardName, data, language).WriteTo(writer)</c>, without building the card's nodes.
    /// </summary>
    public void WriteTo(Utf8JsonWriter writer, string cardName, JsonObject data, string? language)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var template = Template(cardName);
        ArgumentNullException.ThrowIfNull(data);
        var resolved = ResolveLanguage(language);
        if (data.Count == 0)
        {
            Constant(cardName, template, data, resolved).Write(writer);
        }
        else
        {
            template.WriteCard(writer, DataValue(data, resolved), _escaped[resolved]);
        }
    }

    private static Dictionary<string, JsonEncodedText> Escape(JsObject strings)
    {
        var escaped = new Dictionary<string, JsonEncodedText>(ReferenceEqualityComparer.Instance);
        void Walk(object? value)
        {
            switch (value)
            {
                case string s when !s.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF'):
                    // (A surrogate, paired or not, is left to the writer, which treats it as the node path's writer does.)
                    escaped.TryAdd(s, JsonEncodedText.Encode(s));
                    break;
                case JsObject o:
                    foreach (var (_, v) in o.Properties)
                    {
                        Walk(v);
                    }

                    break;
                case List<object?> list:
                    list.ForEach(Walk);
                    break;
            }
        }

        Walk(strings);
        return escaped;
    }

    private CardTemplate Template(string cardName) =>
        _cards.TryGetValue(cardName, out var template)
            ? template
            : throw new KeyNotFoundException($"No card template '{cardName}{CardSuffix}'. Known cards: {string.Join(", ", _cards.Keys.Order(StringComparer.Ordinal))}.");

    private ConstantCard Constant(string cardName, CardTemplate template, JsonObject data, string language)
    {
        var key = (cardName, language);
        return _constantCards.TryGetValue(key, out var card)
            ? card
            : _constantCards.GetOrAdd(key, ConstantCard.From(template.ExpandCard(DataValue(data, language))));
    }

    /// <summary>The data as the engine reads it: what DataFor builds, without copying the data or the strings.</summary>
    private JsObject DataValue(JsonObject data, string language)
    {
        var root = (JsObject)CardTemplate.DataValue(data)!;
        root.Set("strings", _stringValues[language]);
        return root;
    }

    /// <summary>
    /// A card expanded once: an element of a document of its own, which nothing ever writes to or disposes, and its
    /// text as a writer without an encoder of its own writes it.
    /// </summary>
    private sealed class ConstantCard(JsonElement element, byte[] utf8)
    {
        public JsonElement Element { get; } = element;

        public static ConstantCard From(JsonObject card)
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(card.ToJsonString()));
            var element = JsonElement.ParseValue(ref reader);
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                element.WriteTo(writer);
            }

            return new ConstantCard(element, buffer.WrittenSpan.ToArray());
        }

        /// <summary>What <c>JsonObject.Create(Element).WriteTo(writer)</c> writes.</summary>
        public void Write(Utf8JsonWriter writer)
        {
            if (writer.Options.Encoder is null && !writer.Options.Indented)
            {
                writer.WriteRawValue(utf8, skipInputValidation: true);
            }
            else
            {
                Element.WriteTo(writer);
            }
        }
    }
}
