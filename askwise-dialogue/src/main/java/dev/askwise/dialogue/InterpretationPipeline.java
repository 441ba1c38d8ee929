package dev.askwise.dialogue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Understands what a user's text settles in a domain: given the text and, optionally, the pending attribute (the
 * question just asked; null for a first request), it returns every attribute the text settles, each with a value or
 * no preference, a confidence and the span of text it came from ({@link Understanding}). Immutable and thread-safe;
 * build one per domain and reuse it (the embedding model behind it is loaded once per process).
 *
 * <p>Steps: {@link TextTokens} normalises (Unicode, case, contractions, repeated letters) and stems (Snowball
 * English, plus a stem without "-er"/"-est" so that "quieter" finds quiet and "cheapest" finds cheap). The text is cut
 * into <em>segments</em> at a change of mind ("actually", "no wait", "on second thought": the last segment that
 * settles an attribute wins) and segments into <em>clauses</em> at punctuation and "but". In each clause the longest
 * phrases are matched first: the domain's value names, synonyms, short {@code examples} and attribute {@code topics},
 * and the language's cue words (negations, sentiment, hedges, indifference, yes/no, ordinals); a word that matches
 * nothing is corrected to the closest word of the pending attribute's phrases or of the cues when its edit distance
 * (with transpositions) is within a bound that grows with its length (1 for 4–5 letters, 2 for 6–9, 3 beyond).
 * A value mention is negated by the negations and negative sentiment words before it (or, when there are none, after
 * it: "breakfast not needed") since the previous mention; a negated value leaves the other values of its attribute
 * (exclusion: with three values, "not cheap and not luxury" leaves mid; "anywhere but the centre" excludes too); a
 * "too" right before a mention is excess ("too sappy" → dislikes, "too long" excludes long); a yes/no or
 * likes/dislikes attribute's topic
 * word ("horror", "museums") takes the clause's sentiment ("can't stand horror" → dislikes, "wouldn't say no to a
 * heist" → likes, both sentiments or "fine"/"ok" on a likes/neutral/dislikes scale → neutral). A clause that mentions
 * nothing answers the pending question ("love it", "nah", "probably not", "the second one"). Indifference ("not
 * fussed", "any era", "don't care about breakfast") settles the attributes whose topic it names, else the pending one.
 * Hedges ("probably", "i guess") lower the confidence. When the pending attribute is still unsettled, the text is
 * embedded with the in-process quantized all-MiniLM-L6-v2 model and compared with each value's examples and
 * description ({@link ExampleEmbeddings}); below the calibrated similarity the pipeline abstains, and it never picks a
 * value the text excluded ("not cheap" resembles "cheap"). A protected attribute
 * (neverAsk or neverInfer) is never set from text unless it is the pending attribute.
 */
public final class InterpretationPipeline implements TextInterpreter {

    private static final double PHRASE = 0.95;
    private static final double EXAMPLE = 0.9;
    private static final double FUZZY = 0.85;
    private static final double EXCLUSION = 0.9;
    private static final double BARE = 0.85;
    private static final double INDIFFERENCE = 0.9;
    private static final double CONFLICT = 0.55;
    private static final double HEDGE = 0.75;

    enum Cue { POS, NEG, NOT, NEUTRAL, INDIFF, WEAK_INDIFF, HEDGE, YES, NO, VOID, ORD_FIRST, ORD_SECOND, ORD_THIRD,
        ORD_LAST, ORD_MIDDLE, SETTING }

    private enum Kind { VALUE, TOPIC, CUE }

    private record Entry(String[] stems, Kind kind, String attribute, Set<String> values, Cue cue, boolean internalNeg,
                         boolean example, boolean amount) {
        Entry(String[] stems, Kind kind, String attribute, Set<String> values, Cue cue, boolean internalNeg,
              boolean example) {
            this(stems, kind, attribute, values, cue, internalNeg, example, false);
        }
    }

    /** What one attribute is, for polarity. */
    private record Shape(String positive, String negative, String neutral, boolean scale, boolean positiveTopic,
                         boolean decades) {
    }

    private static final Set<String> FILLER = Set.of("a", "an", "the", "really", "very", "pretty", "so", "just",
        "and", "lots", "lot", "is", "are", "am", "be", "was", "were", "some", "that", "too", "honestly",
        "tho", "though", "totally", "super", "mostly", "s", "its", "it", "this");
    private static final Set<String> NEGATOR_WORDS = Set.of("not", "no", "never", "nothing", "none", "without",
        "neither", "nor", "nobody", "nope", "nah");
    private static final Set<String> QUESTION_START = Set.of("what", "who", "how", "where", "why", "which");
    private static final Set<String> QUESTION_AUX = Set.of("is", "are", "can", "could", "do", "does", "will", "did",
        "should", "would", "have", "has");

    /** Cue phrases of the language (English), normalised like user text. */
    private static final Map<String, Cue> CUES = new LinkedHashMap<>();

    static {
        for (String s : List.of("not", "no", "never", "nothing", "none", "without", "neither", "nor", "less", "least",
            "fewer", "few", "as little", "away from", "far from", "instead of", "other than", "anything but", "everything but",
            "except", "anything except", "rather than", "hardly", "barely", "avoid", "skip", "nobody", "no one",
            "than", "apart from", "free of", "no need for", "do not need", "leave out", "ditch", "drop the",
            "do not bother with", "lose the", "minus", "steer clear of", "keep away from", "anywhere but",
            "anyone but", "anything other than", "anywhere other than", "somewhere other than", "anywhere except",
            "nowhere near")) {
            CUES.put(s, Cue.NOT);
        }
        for (String s : List.of("hate", "hated", "hates", "dislike", "detest", "loathe", "bore", "bores", "bored",
            "boring", "can not stand", "cannot stand", "not for me", "not my thing", "not a fan", "not much of a fan",
            "not my cup of tea", "gone off", "no thanks", "no thank you", "not really", "not much", "not a priority",
            "no way", "not interested", "not keen", "stress", "stressful", "stresses", "awful", "terrible", "worst",
            "a bit much", "way too much", "can not get into", "not sure i would", "not sure i will", "not sure i want", "sick of", "tired of", "put off", "not into", "nope", "nah",
            "no chance", "pass", "i will pass", "rather not", "hell no", "ew", "yuck", "not fond of", "can not bear",
            "can not stand them", "not a big fan", "not really into", "allergic to", "spare me", "puts me off",
            "put me off", "overrated", "cringe", "scares me", "scare me", "definitely not", "absolutely not",
            "not keen on", "pass on", "i would pass", "not for us", "not our thing", "no ta", "bleh", "dull",
            "tedious", "annoying", "hate it", "no no")) {
            CUES.put(s, Cue.NEG);
        }
        for (String s : List.of("like", "likes", "love", "loves", "loved", "enjoy", "enjoys", "adore", "fan", "great",
            "good", "amazing", "awesome", "best", "favourite", "favorite", "want", "wants", "need", "needs", "into",
            "keen", "add", "include", "cool", "nice", "lovely", "handy", "sometimes", "please", "my jam", "my thing",
            "guilty pleasure", "comfort", "would not say no", "never say no", "can not live without",
            "can not do without", "can not get enough", "not hurt", "never miss", "would not skip", "brilliant",
            "fantastic", "perfect", "ideal", "essential", "must", "definitely", "absolutely", "of course", "go for it",
            "why not", "sounds good", "prefer", "gimme", "give me", "big fan", "huge fan", "obsessed", "can not wait",
            "yes please", "better", "interested", "happy", "welcome", "important", "priority",
            "go with", "count me in", "sounds great", "looks amazing", "sounds cool", "wonderful", "thrilling", "well",
            "much appreciated", "more", "lots", "plenty", "up for", "count me in", "would be nice", "would be great",
            "go on then", "for sure", "deffo", "mad about", "crazy about", "all for it", "rather", "the more",
            "fond of", "really into", "sounds lovely", "looking forward", "excited", "must have", "a must",
            "yes yes")) {
            CUES.put(s, Cue.POS);
        }
        for (String s : List.of("yes", "yeah", "yep", "yup", "sure", "ya", "yea", "aye", "okay sure", "yes please")) {
            CUES.put(s, Cue.YES);
        }
        CUES.put("no", Cue.NO);
        CUES.put("nope", Cue.NO);
        CUES.put("nah", Cue.NO);
        CUES.put("not at all", Cue.NO);
        for (String s : List.of("fine", "okay", "alright", "all right", "neutral", "lukewarm", "meh", "so so",
            "nothing special", "not my favourite", "not my favorite", "not my top pick", "depends", "it depends",
            "not bad", "decent", "average", "take them or leave them", "take it or leave it",
            "do not love them or hate them", "neither love nor hate", "would not say i dislike", "mixed",
            "on the fence", "can take or leave", "so-so", "middling", "hit and miss", "hit or miss", "now and then",
            "in the right mood", "not bad at all")) {
            CUES.put(s, Cue.NEUTRAL);
        }
        for (String s : List.of("no preference", "no pref", "no preferences", "no strong opinion", "no strong opinions",
            "no strong feelings", "no strong preference", "no opinion", "do not mind", "i do not mind",
            "do not care", "not care", "does not matter", "doesnt matter", "not matter", "matter not", "not bother",
            "does not bother me", "not bothered", "not fussed", "either way", "either is fine", "either one",
            "either", "whatever", "whichever", "up to you", "you choose", "you decide", "you pick", "your call",
            "your choice", "surprise me", "i am easy", "we are easy", "easy either way", "all the same", "same to me",
            "however you like", "whatever you like", "whatever you think", "anything is fine",
            "anything works", "anything goes", "any will do", "either works", "no idea", "both fine",
            "both are fine", "both good", "not fussy about", "not picky about", "no opinion either way",
            "indifferent", "wherever", "however", "dealer choice", "no difference", "all good", "happy either way",
            "happy with either", "happy with anything", "all eras are good", "all good to me", "whatever works",
            "whatever is easiest", "i am flexible", "flexible", "open to anything", "open to either", "no biggie",
            "do not have a preference", "have no preference", "no real preference", "any of them", "any of those",
            "makes no difference", "all fine", "both work", "i trust you", "go with whatever", "pick for me",
            "could not care less", "not fussed either way", "not bothered either way", "whatever suits",
            "no particular preference", "no preference either way")) {
            CUES.put(s, Cue.INDIFF);
        }
        CUES.put("any", Cue.WEAK_INDIFF);
        CUES.put("anything", Cue.WEAK_INDIFF);
        CUES.put("set in", Cue.SETTING);
        CUES.put("takes place in", Cue.SETTING);
        CUES.put("set during", Cue.SETTING);
        for (String s : List.of("probably", "maybe", "perhaps", "i guess", "guess", "i think", "i suppose",
            "suppose", "kind of", "sort of", "not sure", "not 100 sure", "might", "i would say",
            "lean", "leaning", "i reckon", "reckon", "presumably", "if possible", "i feel like", "hmm", "mm",
            "hm", "not certain", "likely", "think", "unsure", "i would say", "probs", "prob", "i think so",
            "if anything", "could be", "might be", "i would go with", "ish", "tentatively", "not sure yet", "i believe", "lean towards",
            "i would lean towards", "leaning towards")) {
            CUES.put(s, Cue.HEDGE);
        }
        for (String s : List.of("no hard feelings", "no problem", "no worries", "no rush", "no offence", "no offense",
            "portrait of", "or anything", "or anything like that", "or whatever", "not sure what", "no matter what", "thank you", "thanks", "ugh", "lol", "haha", "oh",
            "well then")) {
            CUES.put(s, Cue.VOID);
        }
        for (String s : List.of("first", "first one", "former", "first option", "option one", "option 1", "1st")) {
            CUES.put(s, Cue.ORD_FIRST);
        }
        for (String s : List.of("second", "second one", "second option", "option two", "option 2", "2nd")) {
            CUES.put(s, Cue.ORD_SECOND);
        }
        for (String s : List.of("third", "third one", "third option", "3rd")) {
            CUES.put(s, Cue.ORD_THIRD);
        }
        for (String s : List.of("latter", "last", "last one", "last option")) {
            CUES.put(s, Cue.ORD_LAST);
        }
        for (String s : List.of("middle one", "middle option", "one in the middle")) {
            CUES.put(s, Cue.ORD_MIDDLE);
        }
    }

    private static final List<String[]> MARKERS = List.of(
        new String[] {"on", "second", "thought"}, new String[] {"on", "second", "thoughts"},
        new String[] {"second", "thoughts"}, new String[] {"on", "reflection"}, new String[] {"scratch", "that"},
        new String[] {"or", "rather"}, new String[] {"changed", "my", "mind"}, new String[] {"change", "of", "mind"},
        new String[] {"wait"}, new String[] {"hang", "on"}, new String[] {"come", "to", "think", "of", "it"},
        new String[] {"hold", "on"}, new String[] {"make", "that"}, new String[] {"scrap", "that"},
        new String[] {"forget", "that"}, new String[] {"i", "take", "that", "back"}, new String[] {"then", "again"},
        new String[] {"thinking", "about", "it"}, new String[] {"i", "meant"}, new String[] {"correction"},
        new String[] {"changed", "my", "mind"}, new String[] {"on", "second", "thoughts"});
    private static final Pattern YEAR = Pattern.compile("(\\d{4})s?|(\\d0)s");
    private static final Pattern DECADE_VALUE = Pattern.compile("(\\d{4})s");
    private static final Pattern BEFORE_VALUE = Pattern.compile("before-(\\d{4})");

    private final Domain domain;
    private final ExampleEmbeddings embeddings;
    private final Map<String, List<Entry>> byFirst = new HashMap<>();
    private final Set<String> knownStems = new HashSet<>();
    /** Surface word → stem, per attribute (for typos), and for the cues under the key "". */
    private final Map<String, Map<String, String>> vocabulary = new HashMap<>();
    private final Map<String, Shape> shapes = new HashMap<>();
    private final Map<String, List<String>> questionOrder = new HashMap<>();
    private final Map<String, Set<String>> topicKeys = new HashMap<>();

    /**
     * The cue words' entries alone (no domain), built once: every pipeline starts from a copy instead of stemming the
     * cues again (a clarify-or-answer evaluation builds a pipeline per question).
     */
    private static final class CueBase {
        static final InterpretationPipeline BASE = new InterpretationPipeline();
    }

    private InterpretationPipeline() {
        this.domain = null;
        this.embeddings = null;
        TextTokens tt = new TextTokens();
        for (Map.Entry<String, Cue> c : CUES.entrySet()) {
            add(tt, c.getKey(), Kind.CUE, null, null, c.getValue(), false);
        }
    }

    private InterpretationPipeline(Domain domain, ExampleEmbeddings embeddings) {
        this.domain = domain;
        this.embeddings = embeddings;
        TextTokens tt = new TextTokens();
        InterpretationPipeline base = CueBase.BASE;
        base.byFirst.forEach((k, v) -> byFirst.put(k, new ArrayList<>(v)));
        knownStems.addAll(base.knownStems);
        base.vocabulary.forEach((k, v) -> vocabulary.put(k, new HashMap<>(v)));
        for (Domain.AttributeSpec a : domain.attributes()) {
            shapes.put(a.name(), shape(a));
            for (Domain.Value v : a.values()) {
                Set<String> one = Set.of(v.name());
                String nm = v.name().replace('-', ' ');
                if (!Set.of("yes", "no", "likes", "dislikes", "neutral").contains(v.name())) {
                    add(tt, nm, Kind.VALUE, a.name(), one, null, false);
                }
                for (String s : v.synonyms()) {
                    add(tt, s, Kind.VALUE, a.name(), one, null, false);
                }
                for (String s : v.examples()) {
                    if (contentStems(tt, s).length <= 5) {
                        add(tt, s, Kind.VALUE, a.name(), one, null, true);
                    }
                }
            }
            for (String t : a.topics()) {
                add(tt, t, Kind.TOPIC, a.name(), null, null, false);
                topicKeys.computeIfAbsent(a.name(), k -> new HashSet<>()).add(String.join(" ", contentStems(tt, t)));
            }
            questionOrder.put(a.name(), orderInQuestion(tt, a));
        }
        for (List<Entry> l : byFirst.values()) {
            l.sort((x, y) -> Integer.compare(y.stems().length, x.stems().length));
        }
    }

    /** A pipeline with lexical steps only (no embedding model). */
    public static InterpretationPipeline lexical(Domain domain) {
        return new InterpretationPipeline(domain, null);
    }

    /**
     * The full in-process pipeline: lexical steps and the shared quantized embedding model (loaded on first use, once
     * per process; the domain's examples are embedded here, once).
     */
    public static InterpretationPipeline of(Domain domain) {
        return new InterpretationPipeline(domain, ExampleEmbeddings.of(domain));
    }

    /** The domain. */
    public Domain domain() {
        return domain;
    }

    private void add(TextTokens tt, String phrase, Kind kind, String attribute, Set<String> values, Cue cue,
                     boolean example) {
        String[] stems = contentStems(tt, phrase);
        if (stems.length == 0) {
            return;
        }
        boolean neg = false;
        for (TextTokens.Token t : tt.tokenize(phrase)) {
            neg |= NEGATOR_WORDS.contains(t.word());
        }
        Entry e = new Entry(stems, kind, attribute, values, cue, neg, example);
        byFirst.computeIfAbsent(stems[0], k -> new ArrayList<>()).add(e);
        knownStems.addAll(List.of(stems));
        Map<String, String> vocab = vocabulary.computeIfAbsent(attribute == null ? "" : attribute,
            k -> new HashMap<>());
        for (TextTokens.Token t : tt.tokenize(phrase)) {
            if (!t.boundary() && t.word().length() >= 4 && t.word().chars().allMatch(Character::isLetter)) {
                vocab.put(t.word(), t.stem());
            }
        }
    }

    private static String[] contentStems(TextTokens tt, String phrase) {
        List<String> out = new ArrayList<>();
        for (TextTokens.Token t : tt.tokenize(phrase)) {
            if (!t.boundary() && !FILLER.contains(t.word())) {
                out.add(t.stem());
            }
        }
        return out.toArray(String[]::new);
    }

    private static Shape shape(Domain.AttributeSpec a) {
        Set<String> names = new HashSet<>();
        a.values().forEach(v -> names.add(v.name()));
        boolean scale = a.values().size() == 3 && names.containsAll(Set.of("likes", "neutral", "dislikes"));
        String pos = a.yesNo() != null ? a.yesNo().value() : null;
        if (pos == null) {
            for (String p : List.of("yes", "likes", "needed", "included")) {
                if (names.contains(p)) {
                    pos = p;
                }
            }
        }
        String neg = null;
        if (pos != null) {
            for (String n : List.of("no", "dislikes", "not-" + pos)) {
                if (names.contains(n)) {
                    neg = n;
                }
            }
            if (neg == null && a.values().size() == 2) {
                neg = a.values().get(0).name().equals(pos) ? a.values().get(1).name() : a.values().get(0).name();
            }
        }
        boolean topic = pos != null && neg != null && Set.of("yes", "likes", "needed", "included").contains(pos);
        boolean decades = a.values().stream().allMatch(v -> DECADE_VALUE.matcher(v.name()).matches()
            || BEFORE_VALUE.matcher(v.name()).matches());
        return new Shape(neg == null ? null : pos, neg, scale ? "neutral" : null, scale, topic, decades);
    }

    private List<String> orderInQuestion(TextTokens tt, Domain.AttributeSpec a) {
        List<TextTokens.Token> q = new ArrayList<>();
        for (TextTokens.Token t : tt.tokenize(a.question())) {
            if (!FILLER.contains(t.word())) {
                q.add(t);
            }
        }
        Map<String, Integer> first = new HashMap<>();
        for (Domain.Value v : a.values()) {
            List<String> phrases = new ArrayList<>(v.synonyms());
            phrases.add(v.name().replace('-', ' '));
            for (String p : phrases) {
                String[] st = contentStems(tt, p);
                for (int i = 0; i + st.length <= q.size() && st.length > 0; i++) {
                    boolean ok = true;
                    for (int k = 0; k < st.length && ok; k++) {
                        TextTokens.Token qt = q.get(i + k);
                        ok = qt.stem().equals(st[k]) || (qt.alt() != null && List.of(qt.alt().split("\\|"))
                            .contains(st[k]));
                    }
                    if (ok) {
                        first.merge(v.name(), i, Math::min);
                    }
                }
            }
        }
        List<String> order = new ArrayList<>(first.keySet());
        order.sort((x, y) -> Integer.compare(first.get(x), first.get(y)));
        return order.size() >= 2 ? order : List.of();
    }

    // ------------------------------------------------------------------------------------------------ matching

    /** One matched item of a clause. */
    private record Item(Entry entry, int from, int to, boolean fuzzy, Set<String> values) {
        boolean mention() {
            return entry.kind() != Kind.CUE;
        }
    }

    /** The outcome of one attribute in one clause or segment. */
    private static final class Outcome {
        Set<String> values; // null = no preference
        double confidence;
        int start;
        int end;
        String source;
        boolean bare;

        Outcome(Set<String> values, double confidence, int start, int end, String source, boolean bare) {
            this.values = values;
            this.confidence = confidence;
            this.start = start;
            this.end = end;
            this.source = source;
            this.bare = bare;
        }
    }

    /**
     * Interprets a text.
     *
     * @param text    the user's text
     * @param pending the attribute just asked about, or null for a first request
     * @return what the text settles (empty when nothing)
     * @throws IllegalArgumentException when text is null or pending is not an attribute of the domain
     */
    @Override
    public Understanding interpret(String text, String pending) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        if (pending != null) {
            domain.attribute(pending); // validates
        }
        TextTokens tt = new TextTokens();
        List<TextTokens.Token> tokens = tt.tokenize(text);
        boolean question = isQuestion(text, tokens);
        List<List<TextTokens.Token>> segments = new ArrayList<>();
        List<Boolean> retracts = new ArrayList<>();
        split(tokens, segments, retracts);
        Map<String, Outcome> result = new LinkedHashMap<>();
        Outcome previousPending = null;
        for (int s = 0; s < segments.size(); s++) {
            Map<String, Outcome> seg = segment(segments.get(s), pending);
            if (pending != null && retracts.get(s) && !seg.containsKey(pending) && previousPending != null
                && previousPending.values != null && previousPending.values.size() == 1) {
                Shape sh = shapes.get(pending);
                String v = previousPending.values.iterator().next();
                String flipped = flip(sh, v);
                if (flipped != null) {
                    seg.put(pending, new Outcome(Set.of(flipped), BARE, previousPending.start, previousPending.end,
                        "bare", true));
                }
            }
            for (Map.Entry<String, Outcome> e : seg.entrySet()) {
                result.remove(e.getKey());
                result.put(e.getKey(), e.getValue());
            }
            if (pending != null && result.containsKey(pending)) {
                previousPending = result.get(pending);
            }
        }
        List<Understanding.Reading> readings = new ArrayList<>();
        for (Map.Entry<String, Outcome> e : result.entrySet()) {
            Domain.AttributeSpec spec = domain.attribute(e.getKey());
            if (spec.protectedAttribute() && !e.getKey().equals(pending)) {
                continue;
            }
            Outcome o = e.getValue();
            if (question && (o.values == null || o.source.startsWith("bare") || o.source.startsWith("ordinal"))) {
                continue; // a question back settles nothing by itself
            }
            String value;
            if (o.values == null) {
                value = null;
            } else if (o.values.size() == 1) {
                value = o.values.iterator().next();
            } else {
                continue; // not settled: several values remain
            }
            readings.add(new Understanding.Reading(e.getKey(), value, o.confidence, o.start, o.end, o.source));
        }
        if (pending != null && embeddings != null && !question
            && readings.stream().noneMatch(r -> r.attribute().equals(pending)) && !tokens.isEmpty()) {
            ExampleEmbeddings.Match m = embeddings.nearest(pending, text);
            Outcome left = result.get(pending);
            if (m != null && left != null && left.values != null && !left.values.contains(m.value())) {
                m = null; // "not cheap": the text rules that value out, whatever it resembles
            }
            if (m != null && left != null && left.values != null && left.source.startsWith("amount")) {
                m = null; // "between 80 and 120": the amount names two values; a resemblance must not pick one
            }
            if (m != null) {
                double conf = m.confidence() * (hedged(tokens) ? HEDGE : 1);
                readings.add(0, new Understanding.Reading(pending, m.value(), conf, 0, text.length(),
                    hedged(tokens) ? "embedding, hedged" : "embedding"));
            }
        }
        return new Understanding(text, readings);
    }

    private boolean hedged(List<TextTokens.Token> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            List<Entry> es = byFirst.get(tokens.get(i).stem());
            if (es != null) {
                for (Entry e : es) {
                    if (e.kind() == Kind.CUE && e.cue() == Cue.HEDGE && e.stems().length == 1) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String flip(Shape sh, String v) {
        if (sh.positive() == null) {
            return null;
        }
        if (v.equals(sh.positive())) {
            return sh.negative();
        }
        if (v.equals(sh.negative())) {
            return sh.positive();
        }
        return null;
    }

    private static boolean isQuestion(String text, List<TextTokens.Token> tokens) {
        if (tokens.isEmpty()) {
            return false;
        }
        String first = tokens.get(0).word();
        if (QUESTION_START.contains(first)) {
            return true;
        }
        if (first.equals("when") && text.trim().endsWith("?")) {
            return true;
        }
        if (!QUESTION_AUX.contains(first)) {
            return false;
        }
        return text.trim().endsWith("?") || (tokens.size() > 1
            && Set.of("it", "there", "they", "you", "the", "i", "we", "he", "she").contains(tokens.get(1).word()));
    }

    /** Cuts tokens into segments at change-of-mind markers; retracts[i] when segment i began with a "no". */
    private static void split(List<TextTokens.Token> tokens, List<List<TextTokens.Token>> segments,
                              List<Boolean> retracts) {
        List<TextTokens.Token> cur = new ArrayList<>();
        boolean retract = false;
        int i = 0;
        while (i < tokens.size()) {
            int len = 0;
            boolean no = false;
            String w = tokens.get(i).word();
            boolean clauseStart = i == 0 || tokens.get(i - 1).boundary() || tokens.get(i - 1).word().equals("hmm")
                || tokens.get(i - 1).word().equals("oh") || tokens.get(i - 1).word().equals("no");
            if (w.equals("actually") && clauseStart && i > 0) {
                len = 1;
            } else {
                for (String[] m : MARKERS) {
                    if (matchesWords(tokens, i, m)) {
                        len = m.length;
                        break;
                    }
                }
            }
            if (len > 0) {
                // "no" right before ("no wait", "no actually") or right after ("actually no", "wait no")
                if (!cur.isEmpty() && cur.get(cur.size() - 1).word().equals("no")) {
                    cur.remove(cur.size() - 1);
                    no = true;
                }
                while (!cur.isEmpty() && (cur.get(cur.size() - 1).boundary()
                    || Set.of("oh", "hmm", "but", "and", "um").contains(cur.get(cur.size() - 1).word()))) {
                    cur.remove(cur.size() - 1);
                }
                int j = i + len;
                while (j < tokens.size() && (tokens.get(j).boundary() || tokens.get(j).word().equals("no")
                    || tokens.get(j).word().equals("actually"))) {
                    no |= tokens.get(j).word().equals("no");
                    j++;
                }
                if (!cur.isEmpty()) {
                    segments.add(cur);
                    retracts.add(retract);
                }
                cur = new ArrayList<>();
                retract = no;
                i = j;
                continue;
            }
            cur.add(tokens.get(i));
            i++;
        }
        if (!cur.isEmpty() || segments.isEmpty() || retract) {
            segments.add(cur);
            retracts.add(retract);
        }
    }

    private static boolean matchesWords(List<TextTokens.Token> tokens, int i, String[] words) {
        if (i + words.length > tokens.size()) {
            return false;
        }
        for (int k = 0; k < words.length; k++) {
            if (!tokens.get(i + k).word().equals(words[k])) {
                return false;
            }
        }
        return true;
    }

    /** The outcomes of one segment: clauses merged, first-come order. */
    private Map<String, Outcome> segment(List<TextTokens.Token> seg, String pending) {
        List<List<TextTokens.Token>> clauses = new ArrayList<>();
        List<TextTokens.Token> cur = new ArrayList<>();
        for (int i = 0; i < seg.size(); i++) {
            TextTokens.Token t = seg.get(i);
            boolean but = t.word().equals("but") && !(i > 0 && Set.of("anything", "everything", "nothing", "all", "anywhere", "anyone",
                "anybody")
                .contains(seg.get(i - 1).word()));
            if (t.boundary() || but) {
                if (!cur.isEmpty()) {
                    clauses.add(cur);
                }
                cur = new ArrayList<>();
            } else {
                cur.add(t);
            }
        }
        if (!cur.isEmpty()) {
            clauses.add(cur);
        }
        boolean hedge = false;
        Map<String, List<Outcome>> all = new LinkedHashMap<>();
        for (List<TextTokens.Token> clause : clauses) {
            List<TextTokens.Token> content = new ArrayList<>();
            for (TextTokens.Token t : clause) {
                if (!FILLER.contains(t.word())) {
                    content.add(t);
                }
            }
            List<Item> items = match(content, pending);
            for (Item it : items) {
                hedge |= it.entry().kind() == Kind.CUE && it.entry().cue() == Cue.HEDGE;
            }
            Map<String, Outcome> out = clause(content, items, pending, clause);
            out.forEach((k, v) -> all.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
        }
        Map<String, Outcome> merged = new LinkedHashMap<>();
        for (Map.Entry<String, List<Outcome>> e : all.entrySet()) {
            Outcome o = merge(shapes.get(e.getKey()), e.getValue());
            if (o != null) {
                if (hedge) {
                    o.confidence *= HEDGE;
                    o.source += ", hedged";
                }
                merged.put(e.getKey(), o);
            }
        }
        return merged;
    }

    private Outcome merge(Shape sh, List<Outcome> list) {
        List<Outcome> strong = list.stream().filter(o -> !o.bare).toList();
        List<Outcome> use = strong.isEmpty() ? list : strong;
        if (use.size() == 1) {
            return use.get(0);
        }
        Outcome first = use.get(0);
        if (sh.scale()) {
            Set<String> seen = new HashSet<>();
            for (Outcome o : use) {
                if (o.values != null) {
                    seen.addAll(o.values);
                }
            }
            if (seen.contains("neutral") || (seen.contains("likes") && seen.contains("dislikes"))) {
                return new Outcome(Set.of("neutral"), EXAMPLE, first.start, use.get(use.size() - 1).end, "phrase",
                    false);
            }
            return first;
        }
        Set<String> inter = null;
        double conf = 1;
        for (Outcome o : use) {
            if (o.values == null) {
                continue;
            }
            inter = inter == null ? new LinkedHashSet<>(o.values) : intersect(inter, o.values);
            conf = Math.min(conf, o.confidence);
        }
        if (inter == null) {
            return first;
        }
        if (inter.isEmpty()) {
            for (Outcome o : use) {
                if (o.values != null && o.values.size() == 1) {
                    return new Outcome(o.values, CONFLICT, o.start, o.end, o.source + ", conflict", false);
                }
            }
            return null;
        }
        return new Outcome(inter, conf, first.start, use.get(use.size() - 1).end, first.source, false);
    }

    private static Set<String> intersect(Set<String> a, Set<String> b) {
        Set<String> out = new LinkedHashSet<>(a);
        out.retainAll(b);
        return out;
    }

    /** Longest-first matching of phrases and cues over the clause's content tokens, left to right. */
    private List<Item> match(List<TextTokens.Token> content, String pending) {
        List<Item> items = new ArrayList<>();
        String[] fuzzy = new String[content.size()];
        for (int i = 0; i < content.size(); i++) {
            fuzzy[i] = correct(content.get(i), pending);
        }
        int i = 0;
        while (i < content.size()) {
            Item best = decade(content, i, pending);
            if (best == null) {
                best = amount(content, i, pending);
            }
            if (best == null) {
                best = longest(content, fuzzy, i, pending);
            }
            if (best != null) {
                items.add(best);
                i = best.to();
            } else {
                i++;
            }
        }
        // an amount is the most specific thing a clause says about its attribute: "a budget of 300 a night" is high
        Set<String> amounted = new HashSet<>();
        for (Item it : items) {
            if (it.entry().amount()) {
                amounted.add(it.entry().attribute());
            }
        }
        if (!amounted.isEmpty()) {
            items.removeIf(it -> it.entry().kind() == Kind.VALUE && !it.entry().amount()
                && amounted.contains(it.entry().attribute()));
        }
        return items;
    }

    /** "before 2000", "older than the 2010s", "after 2010", "since 2000" for a decade attribute. */
    private Item decade(List<TextTokens.Token> content, int i, String pending) {
        String w = content.get(i).word();
        int yearAt;
        boolean before;
        if (w.equals("before") || w.equals("pre")) {
            yearAt = i + 1;
            before = true;
        } else if ((w.equals("older") || w.equals("earlier")) && i + 1 < content.size()
            && content.get(i + 1).word().equals("than")) {
            yearAt = i + 2;
            before = true;
        } else if (w.equals("after") || w.equals("since") || w.equals("post")) {
            yearAt = i + 1;
            before = false;
        } else if ((w.equals("newer") || w.equals("later")) && i + 1 < content.size()
            && content.get(i + 1).word().equals("than")) {
            yearAt = i + 2;
            before = false;
        } else {
            return null;
        }
        if (yearAt >= content.size()) {
            return null;
        }
        Matcher m = YEAR.matcher(content.get(yearAt).word());
        if (!m.matches()) {
            return null;
        }
        int year = m.group(1) != null ? Integer.parseInt(m.group(1)) : 1900 + Integer.parseInt(m.group(2));
        if (m.group(2) != null && year < 1930) {
            year += 100;
        }
        for (Domain.AttributeSpec a : domain.attributes()) {
            if (!shapes.get(a.name()).decades() || (a.protectedAttribute() && !a.name().equals(pending))) {
                continue;
            }
            Set<String> vals = new LinkedHashSet<>();
            for (Domain.Value v : a.values()) {
                int start = startYear(v.name());
                if (before ? start < year : start >= year) {
                    vals.add(v.name());
                }
            }
            if (!vals.isEmpty() && vals.size() < a.values().size()) {
                Entry e = new Entry(new String[0], Kind.VALUE, a.name(), vals, null, false, false);
                return new Item(e, i, yearAt + 1, false, vals);
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ amounts ("under $100 a night", "1985")

    private enum Bound { AT, BELOW, ABOVE }

    private static final Map<String, Integer> NUMBER_WORDS = new HashMap<>();

    static {
        String[] small = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
        for (int k = 0; k < small.length; k++) {
            NUMBER_WORDS.put(small[k], k);
        }
        String[] tens = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
        for (int k = 0; k < tens.length; k++) {
            NUMBER_WORDS.put(tens[k], 20 + 10 * k);
        }
    }

    /** Words before an amount that bound it, longest first (fillers such as "and" are already gone). */
    private static final List<Map.Entry<String[], Bound>> BOUNDS_BEFORE = List.of(
        Map.entry(new String[] {"no", "more", "than"}, Bound.BELOW), Map.entry(new String[] {"not", "more", "than"},
            Bound.BELOW), Map.entry(new String[] {"no", "higher", "than"}, Bound.BELOW),
        Map.entry(new String[] {"not", "over"}, Bound.BELOW), Map.entry(new String[] {"less", "than"}, Bound.BELOW),
        Map.entry(new String[] {"lower", "than"}, Bound.BELOW), Map.entry(new String[] {"cheaper", "than"},
            Bound.BELOW), Map.entry(new String[] {"at", "most"}, Bound.BELOW), Map.entry(new String[] {"up", "to"},
            Bound.BELOW), Map.entry(new String[] {"under"}, Bound.BELOW), Map.entry(new String[] {"below"},
            Bound.BELOW), Map.entry(new String[] {"max"}, Bound.BELOW), Map.entry(new String[] {"maximum"},
            Bound.BELOW), Map.entry(new String[] {"within"}, Bound.BELOW), Map.entry(new String[] {"no", "less",
            "than"}, Bound.ABOVE), Map.entry(new String[] {"more", "than"}, Bound.ABOVE),
        Map.entry(new String[] {"at", "least"}, Bound.ABOVE), Map.entry(new String[] {"over"}, Bound.ABOVE),
        Map.entry(new String[] {"above"}, Bound.ABOVE), Map.entry(new String[] {"min"}, Bound.ABOVE),
        Map.entry(new String[] {"minimum"}, Bound.ABOVE), Map.entry(new String[] {"upwards", "of"}, Bound.ABOVE),
        Map.entry(new String[] {"around"}, Bound.AT), Map.entry(new String[] {"about"}, Bound.AT),
        Map.entry(new String[] {"roughly"}, Bound.AT), Map.entry(new String[] {"approximately"}, Bound.AT),
        Map.entry(new String[] {"approx"}, Bound.AT), Map.entry(new String[] {"circa"}, Bound.AT),
        Map.entry(new String[] {"between"}, Bound.AT));

    /** Words after an amount that bound it. */
    private static final List<Map.Entry<String[], Bound>> BOUNDS_AFTER = List.of(
        Map.entry(new String[] {"or", "less"}, Bound.BELOW), Map.entry(new String[] {"or", "under"}, Bound.BELOW),
        Map.entry(new String[] {"or", "below"}, Bound.BELOW), Map.entry(new String[] {"or", "cheaper"}, Bound.BELOW),
        Map.entry(new String[] {"tops"}, Bound.BELOW), Map.entry(new String[] {"max"}, Bound.BELOW),
        Map.entry(new String[] {"maximum"}, Bound.BELOW), Map.entry(new String[] {"at", "most"}, Bound.BELOW),
        Map.entry(new String[] {"or", "more"}, Bound.ABOVE), Map.entry(new String[] {"or", "over"}, Bound.ABOVE),
        Map.entry(new String[] {"plus"}, Bound.ABOVE), Map.entry(new String[] {"minimum"}, Bound.ABOVE),
        Map.entry(new String[] {"or", "thereabouts"}, Bound.AT), Map.entry(new String[] {"or"}, Bound.AT),
        Map.entry(new String[] {"ish"}, Bound.AT));

    /** Money words any amount may carry; a domain's own units add to them. */
    private static final Set<String> MONEY = Set.of("$", "\u20ac", "\u00a3", "dollar", "dollars", "euro", "euros",
        "pound", "pounds", "buck", "bucks", "usd", "eur", "gbp", "quid");

    private static final Pattern NUMBER = Pattern.compile(
        "(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d+))?(k|ish|s|\\+)?(?:/([a-z]+))?");

    /** A number read at content[i]: its value and the index after it. */
    private record Amount(double value, int end, boolean words, boolean approximate, boolean above, String per) {
    }

    private static Amount number(List<TextTokens.Token> content, int i, boolean bounded) {
        if (i >= content.size()) {
            return null;
        }
        Matcher m = NUMBER.matcher(content.get(i).word());
        if (m.matches()) {
            String digits = m.group(1).replace(",", "");
            if (digits.length() > 9) {
                return null;
            }
            double v = Double.parseDouble(digits + (m.group(2) != null ? "." + m.group(2) : ""));
            String suffix = m.group(3);
            int end = i + 1;
            if ("k".equals(suffix)) {
                v *= 1000;
            } else if (end < content.size() && (content.get(end).word().equals("k")
                || content.get(end).word().equals("grand") || content.get(end).word().equals("thousand"))) {
                v *= 1000;
                end++;
            }
            return new Amount(v, end, false, "ish".equals(suffix), "+".equals(suffix), m.group(4));
        }
        int total = 0;
        int current = 0;
        int end = i;
        boolean any = false;
        boolean big = false;
        while (end < content.size()) {
            String w = content.get(end).word();
            Integer small = NUMBER_WORDS.get(w);
            if (small != null && !(any && current % 100 != 0 && current % 10 == 0 && small >= 10)) {
                current += small;
            } else if (w.equals("hundred")) {
                current = (current == 0 ? 1 : current) * 100;
                big = true;
            } else if (w.equals("thousand") || (w.equals("grand") && (any || bounded))) {
                total += (current == 0 ? 1 : current) * 1000;
                current = 0;
                big = true;
            } else {
                break;
            }
            any = true;
            end++;
        }
        if (!any) {
            return null;
        }
        int v = total + current;
        // "one", "two": too common as words to be amounts unless bounded ("under ten") or in the tens and up
        if (!bounded && !big && v < 10) {
            return null;
        }
        return new Amount(v, end, true, false, false, null);
    }

    private static int startsWith(List<TextTokens.Token> content, int i, String[] words) {
        if (i + words.length > content.size()) {
            return -1;
        }
        for (int k = 0; k < words.length; k++) {
            if (!content.get(i + k).word().equals(words[k])) {
                return -1;
            }
        }
        return i + words.length;
    }

    /**
     * An amount for an attribute with {@link Domain.Amounts}: an optional bound ("under", "no more than", "at least",
     * "around", "between"), an optional currency sign, a number in digits or words ("fifty", "two hundred", "1,200",
     * "1.5k", "2 grand"), a second number for a range ("100-150", "between 100 and 150", "100 to 150"), units ("bucks",
     * "a night", "300/night") and a bound after ("or less", "tops", "or more", "+"). It belongs to the pending attribute
     * when that has amounts; otherwise to the one attribute whose units (or, for money, a currency word) it carries. A
     * number followed by what it counts ("2 people", "3 stars", "4 nights") or by a currency the domain cannot convert
     * ("20000 yen") is not an amount. The value is the one whose range holds the amount — for "under X" just below X,
     * for "over X" just above; a range ("80-110") names every value it reaches, so one that straddles a boundary
     * settles nothing. For a decade attribute a year is an amount ("1985", "'85", "70s") without amounts in the file.
     */
    private Item amount(List<TextTokens.Token> content, int i, String pending) {
        Bound bound = null;
        int at = i;
        for (Map.Entry<String[], Bound> b : BOUNDS_BEFORE) {
            int after = startsWith(content, i, b.getKey());
            if (after >= 0) {
                bound = b.getValue();
                at = after;
                break;
            }
        }
        boolean money = false;
        if (at < content.size() && MONEY.contains(content.get(at).word())) {
            money = true;
            at++;
        }
        Amount first = number(content, at, bound != null || money);
        if (first == null) {
            return null;
        }
        int end = first.end();
        Amount second = null;
        if (end < content.size() && first.per() == null) {
            int next = end;
            String w = content.get(next).word();
            if (w.equals("to") || w.equals("or")) {
                next++;
            }
            if (next < content.size() && MONEY.contains(content.get(next).word())) {
                next++;
            }
            second = number(content, next, true);
            if (second != null) {
                end = second.end();
                if (bound != Bound.AT) {
                    bound = null;
                }
            }
        }
        if (first.approximate() && bound == null) {
            bound = Bound.AT;
        }
        if (first.above() && bound == null) {
            bound = Bound.ABOVE;
        }
        if (end < content.size() && OTHER_UNITS.contains(content.get(end).word())) {
            return null;
        }
        Set<String> units = new HashSet<>();
        for (Amount n : second == null ? List.of(first) : List.of(first, second)) {
            if (n.per() != null) {
                units.add(n.per()); // "300/night"
            }
        }
        while (end < content.size()) {
            String w = content.get(end).word();
            if (MONEY.contains(w)) {
                money = true;
                end++;
            } else if (UNIT_WORDS.contains(w)) {
                units.add(w);
                end++;
            } else {
                break;
            }
        }
        for (Map.Entry<String[], Bound> b : BOUNDS_AFTER) {
            int after = startsWith(content, end, b.getKey());
            if (after >= 0 && (b.getKey().length > 1 || !b.getKey()[0].equals("or") || after >= content.size()
                || !NUMBER.matcher(content.get(after).word()).matches())) {
                if (bound == null) {
                    bound = b.getValue();
                }
                end = after;
                break;
            }
        }
        Domain.AttributeSpec target = null;
        Domain.Amounts amounts = null;
        for (Domain.AttributeSpec a : domain.attributes()) {
            Domain.Amounts am = amountsOf(a);
            if (am == null || (a.protectedAttribute() && !a.name().equals(pending))) {
                continue;
            }
            boolean marked = a.name().equals(pending) || carries(am, content, i, end, units, money);
            if (!marked) {
                continue;
            }
            if (a.name().equals(pending)) {
                target = a;
                amounts = am;
                break;
            }
            if (target != null) {
                return null; // two attributes could own it
            }
            target = a;
            amounts = am;
        }
        if (target == null) {
            return null;
        }
        boolean decades = shapes.get(target.name()).decades();
        double low = decades ? year(first) : first.value();
        double high = second == null ? low : decades ? year(second) : second.value();
        if (Double.isNaN(low) || Double.isNaN(high)) {
            return null;
        }
        Set<String> values = new LinkedHashSet<>();
        if (second != null && high > low) {
            // a range: every value it reaches ("80-110" is low or mid: not settled, asked again)
            amounts.ranges().forEach((v, r) -> {
                if (r.from() <= high && low < r.to()) {
                    values.add(v);
                }
            });
        } else {
            double x = bound == Bound.BELOW ? Math.nextDown(low) : bound == Bound.ABOVE ? Math.nextUp(low) : low;
            String value = amounts.valueAt(x);
            if (value != null) {
                values.add(value);
            }
        }
        if (values.isEmpty()) {
            return null;
        }
        Entry e = new Entry(new String[0], Kind.VALUE, target.name(), values, null, false, false, true);
        return new Item(e, i, end, false, values);
    }

    /** A number as a year: "1985", or "85" / "70s" / "05" as 1985 / 1970 / 2005; NaN for anything else. */
    private static double year(Amount n) {
        double v = n.value();
        if (n.words() || v != Math.rint(v)) {
            return Double.NaN;
        }
        if (v < 100) {
            return v + (v < 30 ? 2000 : 1900);
        }
        return v < 1800 || v > 2100 ? Double.NaN : v;
    }

    /** Words that may follow an amount as its unit ("a night", "per person", "in total"). */
    private static final Set<String> UNIT_WORDS = Set.of("night", "per", "each", "every", "day", "week", "total", "pp",
        "person", "room", "usd", "eur", "gbp", "in", "all");

    /** Words after a number that make it a count of something else ("2 people", "3 stars", "two nights"). */
    private static final Set<String> OTHER_UNITS = Set.of("star", "stars", "people", "persons", "guests", "adults",
        "kids", "children", "nights", "days", "weeks", "months", "rooms", "beds", "minutes", "mins", "hours", "km",
        "miles", "blocks", "floors", "floor", "percent", "pm", "am", "oclock", "o'clock", "times", "words",
        "sentences", "paragraphs", "pages", "lines", "points", "bullets", "items", "min", "yen", "rupees", "rupee",
        "pesos", "peso", "baht", "kr", "krona", "kronor", "krone", "francs", "franc", "won", "yuan", "rmb", "lira",
        "zloty", "forint", "rand", "dirham", "dirhams", "ringgit", "rubles", "roubles", "shekels");

    /** Whether an amount at content[from, to) carries one of the attribute's units (or money when it is money). */
    private static boolean carries(Domain.Amounts am, List<TextTokens.Token> content, int from, int to,
                                   Set<String> units, boolean money) {
        Set<String> near = new HashSet<>(units);
        for (int k = Math.max(0, from - 1); k < Math.min(content.size(), to + 2); k++) {
            near.add(content.get(k).word());
        }
        for (String u : am.units()) {
            String unit = u.toLowerCase(java.util.Locale.ROOT).strip();
            if (near.contains(unit) || (money && MONEY.contains(unit))) {
                return true;
            }
            String[] words = unit.split("\\s+");
            for (int k = Math.max(0, from - 1); k < Math.min(content.size(), to + 3); k++) {
                if (startsWith(content, k, words) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The attribute's amounts, or for a decade attribute its years. */
    private Domain.Amounts amountsOf(Domain.AttributeSpec a) {
        if (a.amounts() != null) {
            return a.amounts();
        }
        if (!shapes.get(a.name()).decades()) {
            return null;
        }
        Map<String, Domain.Range> ranges = new LinkedHashMap<>();
        for (Domain.Value v : a.values()) {
            Matcher d = DECADE_VALUE.matcher(v.name());
            Matcher b = BEFORE_VALUE.matcher(v.name());
            if (d.matches()) {
                int y = Integer.parseInt(d.group(1));
                ranges.put(v.name(), new Domain.Range(y, y + 10));
            } else if (b.matches()) {
                ranges.put(v.name(), new Domain.Range(Double.NEGATIVE_INFINITY, Integer.parseInt(b.group(1))));
            }
        }
        return new Domain.Amounts(List.of(), ranges);
    }

    private static int startYear(String value) {
        Matcher d = DECADE_VALUE.matcher(value);
        if (d.matches()) {
            return Integer.parseInt(d.group(1));
        }
        return Integer.MIN_VALUE;
    }

    private Item longest(List<TextTokens.Token> content, String[] fuzzy, int i, String pending) {
        Set<String> starts = new LinkedHashSet<>();
        starts.add(content.get(i).stem());
        addAlts(starts, content.get(i).alt());
        if (fuzzy[i] != null) {
            starts.add(fuzzy[i]);
        }
        Item best = null;
        for (String s : starts) {
            List<Entry> es = byFirst.get(s);
            if (es == null) {
                continue;
            }
            for (Entry e : es) {
                if (e.attribute() != null) {
                    Domain.AttributeSpec spec = domain.attribute(e.attribute());
                    if (spec.protectedAttribute() && !e.attribute().equals(pending)) {
                        continue;
                    }
                }
                int n = e.stems().length;
                if (i + n > content.size()) {
                    continue;
                }
                boolean ok = true;
                boolean usedFuzzy = false;
                for (int k = 0; k < n && ok; k++) {
                    TextTokens.Token t = content.get(i + k);
                    String want = e.stems()[k];
                    if (t.stem().equals(want) || (t.alt() != null && List.of(t.alt().split("\\|")).contains(want))) {
                        continue;
                    }
                    if (fuzzy[i + k] != null && fuzzy[i + k].equals(want)) {
                        usedFuzzy = true;
                        continue;
                    }
                    ok = false;
                }
                if (!ok) {
                    continue;
                }
                if (e.kind() == Kind.CUE && n == 1 && content.get(i).bound() && e.cue() != Cue.VOID) {
                    continue; // "no" in "no-frills" negates nothing
                }
                Item it = new Item(e, i, i + n, usedFuzzy, e.values());
                if (best == null || n > best.to() - best.from() || (n == best.to() - best.from()
                    && better(it, best, pending))) {
                    best = it;
                }
            }
        }
        return best;
    }

    private static boolean better(Item a, Item b, String pending) {
        boolean ap = pending != null && pending.equals(a.entry().attribute());
        boolean bp = pending != null && pending.equals(b.entry().attribute());
        if (ap != bp) {
            return ap;
        }
        if (a.fuzzy() != b.fuzzy()) {
            return !a.fuzzy();
        }
        if (a.mention() && b.mention() && a.entry().example() != b.entry().example()) {
            return !a.entry().example(); // the domain's own words before its examples
        }
        return a.mention() && !b.mention();
    }

    private static void addAlts(Set<String> into, String alt) {
        if (alt != null) {
            into.addAll(List.of(alt.split("\\|")));
        }
    }

    /** The stem of the closest known word when the token is an unknown word (a typo), else null. */
    private String correct(TextTokens.Token t, String pending) {
        String w = t.word();
        if (w.length() < 4 || !w.chars().allMatch(Character::isLetter) || knownStems.contains(t.stem())) {
            return null;
        }
        if (t.alt() != null) {
            for (String a : t.alt().split("\\|")) {
                if (knownStems.contains(a)) {
                    return null;
                }
            }
        }
        if (COMMON.contains(w) || pending == null) {
            return null; // first requests: no typo correction (volunteered words are matched exactly)
        }
        int allowed = w.length() <= 5 ? 1 : w.length() <= 9 ? 2 : 3;
        String best = null;
        int bestD = allowed + 1;
        boolean tie = false;
        List<Map<String, String>> vocabs = new ArrayList<>();
        vocabs.add(vocabulary.getOrDefault("", Map.of()));
        if (pending != null) {
            vocabs.add(vocabulary.getOrDefault(pending, Map.of()));
        }
        for (int vi = 0; vi < vocabs.size(); vi++) {
            Map<String, String> vocab = vocabs.get(vi);
            int cap = vi == 0 ? 1 : allowed; // the cue words: one edit at most
            for (Map.Entry<String, String> e : vocab.entrySet()) {
                String v = e.getKey();
                if (vi == 0 && w.length() < 4) {
                    continue;
                }
                if (Math.abs(v.length() - w.length()) > allowed || (v.charAt(0) != w.charAt(0)
                    && !(v.length() > 1 && w.length() > 1 && v.charAt(1) == w.charAt(0)))) {
                    continue;
                }
                int d = osa(w, v, bestD);
                if (d > cap) {
                    continue;
                }
                if (d < bestD) {
                    bestD = d;
                    best = e.getValue();
                    tie = false;
                } else if (d == bestD && best != null && !best.equals(e.getValue())) {
                    tie = true;
                }
            }
        }
        return best == null || tie || bestD > allowed ? null : best;
    }

    /** Optimal string alignment distance (Levenshtein with adjacent transpositions), capped at cap. */
    static int osa(String a, String b, int cap) {
        int n = a.length();
        int m = b.length();
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= m; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            int rowMin = Integer.MAX_VALUE;
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > cap) {
                return cap + 1;
            }
        }
        return d[n][m];
    }

    // ------------------------------------------------------------------------------------------------ one clause

    /** Polarity of a run of cues. */
    private record Polarity(boolean any, int sign, boolean neutral, boolean explicitYes, boolean explicitNo) {
    }

    private static Polarity polarity(List<Item> cues) {
        boolean any = false;
        int sign = 1;
        boolean neutral = false;
        boolean yes = false;
        boolean no = false;
        for (Item c : cues) {
            if (c.entry().cue() == null) {
                continue;
            }
            switch (c.entry().cue()) {
                case NOT, NEG -> {
                    sign = -sign;
                    any = true;
                }
                case NO -> {
                    sign = -sign;
                    any = true;
                    no = true;
                }
                case POS -> any = true;
                case YES -> {
                    any = true;
                    yes = true;
                }
                case NEUTRAL -> {
                    any = true;
                    neutral = true;
                }
                default -> {
                }
            }
        }
        return new Polarity(any, sign, neutral, yes, no);
    }

    private Map<String, Outcome> clause(List<TextTokens.Token> content, List<Item> items, String pending,
                                        List<TextTokens.Token> clause) {
        Map<String, Outcome> out = new LinkedHashMap<>();
        if (clause.isEmpty()) {
            return out;
        }
        List<Integer> mentions = new ArrayList<>();
        for (int k = 0; k < items.size(); k++) {
            Item it = items.get(k);
            if (k > 0 && items.get(k - 1).entry().cue() == Cue.SETTING && items.get(k - 1).to() == it.from()) {
                continue; // "a love story set in the 1950s": the setting, not the era
            }
            if (it.entry().kind() == Kind.VALUE
                || (it.entry().kind() == Kind.TOPIC && shapes.get(it.entry().attribute()).positiveTopic())) {
                mentions.add(k);
            }
        }
        boolean indiff = false;
        boolean weakIndiff = false;
        boolean laterNegation = false;
        for (int k = 0; k < items.size(); k++) {
            Item it = items.get(k);
            if (it.entry().kind() == Kind.CUE && it.entry().cue() == Cue.INDIFF) {
                indiff = true;
                for (int j = k + 1; j < items.size(); j++) {
                    Cue c = items.get(j).entry().cue();
                    laterNegation |= c == Cue.NOT || c == Cue.NEG;
                }
            }
            if (it.entry().kind() == Kind.CUE && it.entry().cue() == Cue.WEAK_INDIFF) {
                boolean negatedBefore = false;
                for (int j = 0; j < k; j++) {
                    Cue c = items.get(j).entry().cue();
                    negatedBefore |= c == Cue.NOT || c == Cue.NEG || c == Cue.NO;
                }
                weakIndiff |= !negatedBefore; // "i don't want any humans" is not indifference
            }
        }
        if (laterNegation) {
            indiff = false; // "whatever won't empty my bank account" is a constraint, not indifference
        }
        int cs = clause.get(0).start();
        int ce = clause.get(clause.size() - 1).end();
        // indifference: the attributes it names, else the pending one
        Set<String> valueMentioned = new HashSet<>();
        for (int k : mentions) {
            if (items.get(k).entry().kind() == Kind.VALUE && !shapes.get(items.get(k).entry().attribute())
                .positiveTopic() && !namesTopic(items.get(k))) {
                valueMentioned.add(items.get(k).entry().attribute());
            }
        }
        if (indiff || weakIndiff) {
            Set<String> targets = new LinkedHashSet<>();
            boolean topicNamed = false;
            for (Item it : items) {
                String a = it.entry().attribute();
                boolean topic = a != null && (it.entry().kind() == Kind.TOPIC || namesTopic(it));
                if (a != null && !valueMentioned.contains(a) && (topic || (indiff && shapes.get(a).positiveTopic()))) {
                    targets.add(a);
                    topicNamed |= topic;
                }
            }
            boolean onlyCue = content.size() <= 2 && valueMentioned.isEmpty();
            if (!indiff && !topicNamed && !onlyCue) {
                targets.clear(); // "any"/"anything" alone needs a topic: "any era", not "anything fancy"
            }
            if (targets.isEmpty() && valueMentioned.isEmpty() && pending != null && (indiff || onlyCue)) {
                targets.add(pending);
            }
            if (!targets.isEmpty() && (indiff || weakIndiff)) {
                for (String a : targets) {
                    Shape sh = shapes.get(a);
                    out.put(a, new Outcome(sh.scale() ? Set.of("neutral") : null, INDIFFERENCE, cs, ce,
                        "indifference", false));
                }
                // value mentions of other attributes in the same clause still count
                for (int k : mentions) {
                    String a = items.get(k).entry().attribute();
                    if (!out.containsKey(a)) {
                        Outcome o = mention(items, mentions, k, content, clause);
                        if (o != null) {
                            o.start = content.get(items.get(k).from()).start();
                            o.end = content.get(items.get(k).to() - 1).end();
                            out.put(a, o);
                        }
                    }
                }
                return out;
            }
        }
        if (mentions.isEmpty()) {
            int unmatched = 0;
            boolean[] covered = new boolean[content.size()];
            for (Item it : items) {
                for (int j = it.from(); j < it.to(); j++) {
                    covered[j] = true;
                }
            }
            for (int j = 0; j < content.size(); j++) {
                if (!covered[j] && !FUNCTION.contains(content.get(j).word())) {
                    unmatched++;
                }
            }
            if (unmatched <= 2) {
                bare(items, pending, cs, ce, out); // many unknown words: leave it to the embedding step
            }
            return out;
        }
        for (int k : mentions) {
            Item it = items.get(k);
            String a = it.entry().attribute();
            Outcome o = mention(items, mentions, k, content, clause);
            if (o == null) {
                continue;
            }
            o.start = content.get(it.from()).start();
            o.end = content.get(it.to() - 1).end();
            Outcome prev = out.get(a);
            if (prev == null) {
                out.put(a, o);
            } else {
                Outcome m = merge(shapes.get(a), List.of(prev, o));
                if (m != null) {
                    out.put(a, m);
                } else {
                    out.remove(a);
                }
            }
        }
        return out;
    }

    private boolean namesTopic(Item it) {
        Set<String> keys = topicKeys.get(it.entry().attribute());
        return keys != null && keys.contains(String.join(" ", it.entry().stems()));
    }

    /** The outcome of the mention at items[k], with the polarity of the cues around it. */
    private Outcome mention(List<Item> items, List<Integer> mentions, int k, List<TextTokens.Token> content,
                            List<TextTokens.Token> clause) {
        Item it = items.get(k);
        int idx = mentions.indexOf(k);
        int prevEnd = idx > 0 ? mentions.get(idx - 1) + 1 : 0;
        int nextStart = idx + 1 < mentions.size() ? mentions.get(idx + 1) : items.size();
        List<Item> before = new ArrayList<>();
        for (int j = prevEnd; j < k; j++) {
            if (items.get(j).entry().kind() == Kind.CUE) {
                before.add(items.get(j));
            }
        }
        List<Item> after = new ArrayList<>();
        for (int j = k + 1; j < nextStart; j++) {
            if (items.get(j).entry().kind() == Kind.CUE && items.get(j).from() - it.to() <= 1
                && idx == mentions.size() - 1) {
                after.add(items.get(j)); // "breakfast not needed": only cues right after the mention
            }
        }
        Polarity p = polarity(before);
        if (!p.any() && afterToo(clause, content.get(it.from()))) {
            // "too sappy", "too long": more than wanted (but "not too pricey" keeps the negation alone, and
            // "breakfast too" is "also": only a "too" right before the mention, with no cue of its own before it)
            return resolve(it, new Polarity(true, -1, false, false, false));
        }
        if (!p.any()) {
            Polarity q = polarity(after);
            if (q.any()) {
                p = q;
            } else if (idx > 0) {
                // "i hate comedy and horror": the previous mention's polarity carries over
                return inherit(items, mentions, idx, it);
            }
        }
        return resolve(it, p);
    }

    /** Whether the word right before this token in the clause (fillers included) is "too". */
    private static boolean afterToo(List<TextTokens.Token> clause, TextTokens.Token first) {
        for (int i = 1; i < clause.size(); i++) {
            if (clause.get(i).start() == first.start()) { // tokens are distinct by their offset in the text
                return clause.get(i - 1).word().equals("too");
            }
        }
        return false;
    }

    private Outcome inherit(List<Item> items, List<Integer> mentions, int idx, Item it) {
        for (int back = idx - 1; back >= 0; back--) {
            int k = mentions.get(back);
            int prevEnd = back > 0 ? mentions.get(back - 1) + 1 : 0;
            List<Item> before = new ArrayList<>();
            for (int j = prevEnd; j < k; j++) {
                if (items.get(j).entry().kind() == Kind.CUE) {
                    before.add(items.get(j));
                }
            }
            Polarity p = polarity(before);
            if (p.any()) {
                if (items.get(k).entry().internalNeg()) {
                    return resolve(it, new Polarity(true, -1, false, false, false));
                }
                return resolve(it, p);
            }
            if (items.get(k).entry().internalNeg()) {
                return resolve(it, new Polarity(true, -1, false, false, false));
            }
        }
        return resolve(it, new Polarity(false, 1, false, false, false));
    }

    private Outcome resolve(Item it, Polarity p) {
        Entry e = it.entry();
        String a = e.attribute();
        Shape sh = shapes.get(a);
        Domain.AttributeSpec spec = domain.attribute(a);
        double base = it.fuzzy() ? FUZZY : e.example() || e.amount() ? EXAMPLE : PHRASE;
        String source = it.fuzzy() ? "fuzzy" : e.amount() ? "amount" : "phrase";
        int sign = e.internalNeg() ? 1 : p.sign();
        Set<String> vals;
        if (e.kind() == Kind.TOPIC) {
            if (sh.scale() && p.neutral() && sign > 0) {
                vals = Set.of("neutral");
            } else {
                vals = Set.of(sign > 0 ? sh.positive() : sh.negative());
            }
        } else if (sh.scale()) {
            String v = it.values().iterator().next();
            if (p.neutral() && sign > 0 && it.values().size() == 1 && !v.equals("dislikes")
                && !e.internalNeg()) {
                vals = Set.of("neutral");
            } else if (sign > 0) {
                vals = it.values();
            } else {
                String f = flip(sh, v);
                vals = Set.of(f == null ? v : f);
            }
        } else if (sign > 0) {
            vals = it.values();
        } else {
            Set<String> rest = new LinkedHashSet<>();
            for (Domain.Value v : spec.values()) {
                if (!it.values().contains(v.name())) {
                    rest.add(v.name());
                }
            }
            vals = rest;
            base = Math.min(base, EXCLUSION);
            source = "exclusion";
        }
        return new Outcome(vals, base, 0, 0, source, false);
    }

    /** A clause that mentions nothing answers the pending question: yes/no, sentiment, ordinals. */
    private void bare(List<Item> items, String pending, int cs, int ce, Map<String, Outcome> out) {
        if (pending == null) {
            return;
        }
        Shape sh = shapes.get(pending);
        List<String> order = questionOrder.get(pending);
        for (Item it : items) {
            Cue c = it.entry().cue();
            if (c == null || order.isEmpty()) {
                continue;
            }
            int at = switch (c) {
                case ORD_FIRST -> 0;
                case ORD_SECOND -> 1;
                case ORD_THIRD -> 2;
                case ORD_LAST -> order.size() - 1;
                case ORD_MIDDLE -> order.size() == 3 ? 1 : -1;
                default -> -2;
            };
            if (at >= 0 && at < order.size()) {
                out.put(pending, new Outcome(Set.of(order.get(at)), BARE, cs, ce, "ordinal", true));
                return;
            }
        }
        Polarity p = polarity(items);
        if (!p.any()) {
            return;
        }
        String value = null;
        if (sh.scale()) {
            value = p.neutral() && p.sign() > 0 ? "neutral" : p.sign() > 0 ? sh.positive() : sh.negative();
        } else if (sh.positive() != null && (sh.positiveTopic() || p.explicitYes() || p.explicitNo())) {
            value = p.sign() > 0 ? sh.positive() : sh.negative();
        } else if (p.explicitYes() && p.sign() > 0 && domain.attribute(pending).yesNo() != null) {
            value = domain.attribute(pending).yesNo().value();
        }
        if (value != null) {
            out.put(pending, new Outcome(Set.of(value), BARE, cs, ce, "bare", true));
        }
    }

    /** Function words that do not count as unexplained content in a bare answer. */
    private static final Set<String> FUNCTION = Set.of("i", "we", "you", "me", "my", "us", "our", "do", "does", "did",
        "to", "for", "in", "on", "with", "at", "it", "them", "they", "one", "ones", "and", "or", "would", "will",
        "can", "could", "should", "of", "have", "has", "had", "get", "go", "say", "think", "then", "there", "here",
        "about", "that", "these", "those", "him", "her", "he", "she", "up", "out", "if", "as", "by", "em", "thing",
        "things", "anyway", "though", "now", "idea", "time", "times", "make", "want", "bit", "much");

    /** Frequent English words that are never treated as typos. */
    private static final Set<String> COMMON = new HashSet<>(List.of("like", "love", "live", "life", "time", "want", "went", "what",
        "that", "this", "with", "have", "make", "made", "some", "same", "more", "most", "must", "will", "well",
        "wall", "just", "very", "much", "such", "than", "then", "them", "they", "there", "their", "here", "where",
        "when", "were", "your", "about", "would", "could", "should", "good", "need", "feel", "take", "give", "look",
        "looks", "thing", "things", "think", "sure", "nice", "fine", "also", "only", "even", "ever", "never",
        "really", "maybe", "going", "know", "into", "onto", "over", "other", "either", "anything", "nothing",
        "something", "everything", "please", "thanks", "from", "been", "being", "done", "does", "doing", "come",
        "came", "keep", "kept", "mind", "kind", "find", "fund", "mine", "many", "most", "less", "last", "lost",
        "list", "lots", "long", "song", "along", "among", "alone", "gone", "rather", "again", "away", "back",
        "down", "town", "tone", "tall", "talk", "walk", "work", "word", "world", "what", "whats", "where", "which",
        "while", "white", "whole", "write", "wrote", "read", "real", "ready", "right", "light", "night", "might",
        "sight", "tight", "mate", "meet", "meat", "mean", "fair", "hair", "hard", "card", "care", "core", "more",
        "mode", "made", "fast", "past", "post", "most", "best", "rest", "test", "text", "next", "note", "nope",
        "hope", "home", "hour", "hours", "year", "years", "days", "date", "data", "late", "later", "plate", "place",
        "plan", "plans", "trip", "stay", "stays", "room", "rooms", "hotel", "film", "films", "movie", "movies",
        "show", "shows", "watch", "watched", "kids", "family", "wife", "husband", "friend", "friends", "people",
        "person", "quit", "quote", "quiz", "clan", "clear", "clean", "cheap", "cheat", "chat", "chap", "chair",
        "lean", "learn", "leave", "left", "lift", "line", "lines", "link", "loud", "land", "lane", "dear", "deal",
        "dull", "full", "fall", "feel", "felt", "fell", "wild", "wide", "side", "size", "site", "sites", "seen",
        "send", "sent", "sense", "open", "over", "only", "once", "ones", "none", "done", "gone", "bone", "tons"));
}
