"""Grammar and spelling from a grammar engine, beside ficlint's own rules.

Engines see the prose only (the paragraphs of the document model, with Markdown markup taken
out) and their findings are mapped back to exact source positions. Codes are
`G:<engine>:<rule>` (G:harper:Spelling), selectable and ignorable like every other code by
`G`, `G:harper` or the whole code. A grammar finding on the same words as a ficlint finding
is dropped: ficlint's is the more specific.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ficlint import data, wordstore
from ficlint.diagnostic import Applicability, Diagnostic, Edit, Fix, Severity
from ficlint.dialogue import in_dialect_speech, lemma_classes, lexicon, typed_voice
from ficlint.errors import FiclintError
from ficlint.grammar.cache import MAX_REPLACEMENT
from ficlint.grammar.wordforms import (
    LETTERS,
    POSSESSIVE,
    a_form_of_a_word,
    built,
    doubled_differently,
    in_current_use,
    not_a_misspelling,
    one_edit_from_a_word,
)
from ficlint.quotation import marks_of
from ficlint.wordcounts import (
    english_dictionary,
    ize_family,
    lower_counts,
    manuscript_names,
    mid_sentence_capitals,
    quote_style,
    us_uk_pairs,
    word_counts,
    zipf,
)


class GrammarUnavailable(FiclintError):
    """The engine asked for cannot run here (not installed, no server)."""


@dataclass(frozen=True)
class GrammarRun:
    engine: str | None  # the engine that ran, or None
    diagnostics: list[Diagnostic]
    notices: tuple[str, ...] = ()  # lines for the user (an engine that could not run)
    server: str | None = None  # host:port of the server the text was sent to, if any


def check(ms, choice: str, ficlint_findings: list[Diagnostic]) -> GrammarRun:
    """Run the chosen engine over the manuscript's documents. `auto`: a configured
    LanguageTool server, else a LanguageTool installed here, else Harper where it is installed. An engine asked for by name that
    cannot run is an error; under `auto` it is one notice and the house rules still run."""
    if choice == "off":
        return GrammarRun(None, [])
    from ficlint.cache_folder import default_dir
    from ficlint.grammar import harper, languagetool
    from ficlint.grammar.cache import ResultCache

    if choice in ("auto", "languagetool"):
        from pathlib import Path

        languagetool.refuse_foreign_server(ms.settings, Path.cwd())
    if choice == "auto":
        configured = languagetool.server_url(ms.settings) or languagetool.local_install()
        choice = "languagetool" if configured else "harper"
        explicit = False
    else:
        explicit = True
    factory = languagetool.LanguageToolEngine if choice == "languagetool" else harper.HarperEngine
    cache = ResultCache(default_dir() if ms.settings.cache else None)
    engine = None
    try:
        engine = factory.create(ms.settings, cache)
        engine.dialect = manuscript_dialect(ms)
        found = engine.check(ms, story_words(ms))
    except GrammarUnavailable as exc:
        if explicit:
            raise
        hint = 'set grammar = "off" in the config to run without it and without this notice'
        notices = (f"grammar checks skipped: {exc} ({hint})",)
        return GrammarRun(None, [], notices + ((cache.problem,) if cache.problem else ()))
    finally:
        cache.close()
        if engine is not None:
            engine.close()
    url = getattr(engine, "url", None)
    notices = (cache.problem,) if cache.problem else ()
    notices += tuple(
        held_back_notice(
            getattr(engine, "held_back", []), getattr(engine, "long_words", 0), engine.name
        )
    )
    malformed = getattr(engine, "malformed", 0)
    if malformed:
        what = "match" if malformed == 1 else "matches"
        notices += (
            f"{malformed} malformed {what} from the LanguageTool server"
            f"{' at ' + languagetool.host(url) if url else ''} "
            f"{'was' if malformed == 1 else 'were'} ignored",
        )
    return GrammarRun(
        engine.name,
        _in_house_style(ms, _without_duplicates(found, ficlint_findings)),
        notices,
        languagetool.host(url) if url else None,
    )


def manuscript_dialect(ms) -> str:
    """The config's dialect, or (auto) British when the manuscript's British spellings
    outnumber its American ones: Austen's honour and favourably are not misspellings."""
    if ms.settings.dialect.lower() not in ("auto", ""):
        return ms.settings.dialect
    uk_us, us_uk = us_uk_pairs()
    uk = us = 0
    for word, n in lower_counts(ms).items():
        if word in uk_us and not ize_family(word, uk_us[word]):
            uk += n
        elif word in us_uk and not ize_family(us_uk[word], word):
            us += n
    return "en-GB" if uk > us else "en-US"


def finding(
    para,
    start: int,
    end: int,
    engine: str,
    rule: str,
    name: str,
    message: str,
    replacement: str | None,
) -> Diagnostic:
    """A grammar engine's finding on paragraph characters start..end, as a Diagnostic at its
    place in the source. An engine's suggestion is a guess: only --apply-suggestions writes it."""
    src_start, src_end = para.span(start, end)
    fix = None
    if replacement is not None:
        fix = Fix((Edit(src_start, src_end, replacement),), Applicability.SUGGESTION)
    return Diagnostic(
        para.document,
        src_start,
        src_end,
        f"G:{engine}:{rule}",
        name,
        message,
        Severity.WARNING,
        fix,
        source=engine,
    )


def joined_candidates(replacements: list[str]) -> str | None:
    """An engine's candidates as one stored string: the first four, tab-joined, within the
    cache's limit on a replacement."""
    joined = "\t".join(r for r in replacements[:4] if "\t" not in r)
    while len(joined) > MAX_REPLACEMENT and "\t" in joined:
        joined = joined.rsplit("\t", 1)[0]
    return joined or None


def either(candidates: list[str]) -> str:
    """‘door’, ‘dorm’ or ‘dory’?: the candidates a message lists when none is clearly best."""
    shown = [f"‘{c}’" for c in candidates[:3]]
    return f"{', '.join(shown[:-1])} or {shown[-1]}?"


def warm_up() -> None:
    """Load the word lists the spelling filters read (the English dictionary, word use,
    the French and Spanish lexicons): a language server does so once, before its first
    check, and every check forked from it starts with them."""
    english_dictionary()
    zipf("the")
    _foreign_lexicons()


def spelling_excused(para, start: int, end: int, known: set[str]) -> bool:
    """Whether a word an engine calls misspelt is left alone: in a character's own typing
    (see typed_voice), vouched for by italics (see italic_vouched), a short word in speech
    (see _short_in_speech), or not a misspelling by the manuscript's and the language's
    evidence (see misspelling_excused, with the speech's dialect)."""
    return (
        typed_voice(para)
        or italic_vouched(para, start, end)
        or _short_in_speech(para, start, end)
        or _run_on_as_said(para, start, end)
        or misspelling_excused(para.text, start, end, known, in_dialect_speech(para, start))
    )


def _short_in_speech(para, start: int, end: int) -> bool:
    """A word of four letters or fewer in speech is a sound (gerp, woop), a name called out
    (Luh, Ulee), slang (perp, nom) or a word cut short (Wh—) far more often than a slip: on
    the real drafts, 16 such findings, none a slip. Two letters swapped (jsut, teh) are
    still a slip, and so is a letter dropped from a very common word (abot: about)."""
    word = para.text[start:end].lower()
    if len(word) > 4 or not in_speech(para, start):
        return False
    dictionary = english_dictionary()
    swaps = (word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1))
    if any(swap != word and swap in dictionary for swap in swaps):
        return False
    added = (word[:i] + ch + word[i:] for i in range(len(word) + 1) for ch in LETTERS)
    return not any(zipf(longer) >= _VERY_COMMON for longer in added)


_VERY_COMMON = 5.5  # Zipf: about, just, would, what (once in 300,000 words and more often)


def _run_on_as_said(para, start: int, end: int) -> bool:
    """In speech, `have`, `of` or `to` run onto a common verb, modal or modifier as it is
    said: shoulda, kinda, outta, gotta, musta. A word run onto a preposition or a pronoun
    (`witha`, `whata`: a space left out) is still a slip."""
    word = para.text[start:end].lower()
    if len(word) < 5 or not word.endswith("a") or not in_speech(para, start):
        return False
    base = word[:-2] if word[-2] == word[-3] else word[:-1]
    return zipf(base) >= _COMMON_BASE and bool(lemma_classes(base).keys() - {"NOUN"})


_COMMON_BASE = 5.0  # Zipf: should, kind, out, got, must (once in 100,000 words or more)


def italic_vouched(para, start: int, end: int) -> bool:
    """Whether italics vouch for the word at paragraph characters start..end: a writer sets a
    foreign word or a coinage in italics (*jiaozi*, *cha siu bao*). Not a lone italic word one
    letter from an English word, which is as likely an emphasised slip (*realy*)."""
    span = para.italic_span(start, end)
    if span is None:
        return False
    if " " in para.text[span[0] : span[1]].strip():
        return True
    return not one_edit_from_a_word(para.text[start:end].lower(), english_dictionary())


def offered(word: str, candidates: list[str]) -> list[str]:
    """The candidates worth offering for `word`: a capitalised name is never one for a word
    typed in lowercase (jiaozi -> Xiaomi), but the word itself in capitals is (i -> I)."""
    if word[:1].islower():
        same = _plain(word).lower()
        return [c for c in candidates if not c[:1].isupper() or _plain(c).lower() == same]
    return candidates


def _plain(word: str) -> str:
    """The word as Harper reads it (ficlint.grammar.harper sends ’ as ')."""
    return word.replace("’", "'")


def fix_and_message(ms, word: str, message: str, candidates: list[str]) -> tuple[str | None, str]:
    """An engine's finding made honest: the fix when one candidate is clearly best (see
    clear_best); otherwise the close candidates listed in the message, and an engine message
    that names a candidate ficlint does not offer (`Did you mean Xiaomi?`) said plainly."""
    fix = clear_best(ms, word, candidates)
    if fix is not None:
        return fix, message
    usable = offered(word, candidates)
    if any(f"`{c}`" in message for c in candidates if c not in usable):
        message = f"Did you mean to spell `{word}` this way?"
    if len(usable) > 1:
        message = f"{message} ({either(usable)})"
    return None, message


def clear_best(ms, word: str, candidates: list[str]) -> str | None:
    """The engine's candidate to offer as the fix, when one is clearly best: the only one
    (a capitalised name never fixes a lowercase word, see offered); the only one the
    manuscript itself uses (dorr -> door where the book writes door); or the one nearest the
    word as typed, where the others are further (lanturn -> lantern). None when several are as
    close (chai: chad, chair, chain): then the message lists them and no fix is offered."""
    candidates = offered(word, candidates)
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    from rapidfuzz.distance import OSA

    counts = lower_counts(ms)
    used = [c for c in candidates if " " not in c and counts.get(c.lower(), 0) > 0]
    if len(used) == 1:
        return used[0]
    typed = _plain(word).lower()  # an apostrophe is no edit: Harper's candidates have '
    distances = [OSA.distance(typed, _plain(c).lower()) for c in candidates]
    nearest = min(distances)
    best = [c for c, d in zip(candidates, distances, strict=True) if d == nearest]
    return best[0] if len(best) == 1 else None


def misspelling_excused(
    text: str, start: int, end: int, known: set[str], speech: bool = False
) -> bool:
    """not_a_misspelling for the word at text[start:end], with the words before it; or a
    word in current use that the engine's list lacks (see in_current_use); or a word of a
    French or Spanish phrase (see _foreign); or, in speech that is in dialect (see
    in_dialect_speech), a word spelt the way the character says it (see _respelt); and
    the other shapes below. A word in use, or a form of one, is no excuse for half of a
    word split in two (see _half_of_a_word)."""
    word = text[start:end]
    return (
        not_a_misspelling(word, known, text[max(0, start - 12) : start])
        or (
            (in_current_use(word) or a_form_of_a_word(word))
            and not _half_of_a_word(text, start, end)
        )
        or _foreign(text, start, end)
        or _in_a_foreign_passage(text, start, end)
        or (speech and _respelt(word))
        or _voiced(word)
        or _sound(word)
        or _mentioned(text, start, end)
        or _cut_off(text, start, end)
        or _prefix_before_hyphen(text, start, end)
        or _in_a_hyphenated_compound(text, start, end)
        or _spelt_in_syllables(text, start, end)
        or _in_code(text, start, end)
    )


def _half_of_a_word(text: str, start: int, end: int) -> bool:
    """Whether the word and the word beside it, closed up, make one dictionary word: a
    compound split in two (`plexi glass`), where a word in use alone is no excuse."""
    after = re.match(r" ([a-z]+)", text[end:])
    before = re.search(r"([a-z]+) $", text[max(0, start - 30) : start])
    word = text[start:end].lower()
    dictionary = english_dictionary()
    return bool(after and word + after[1] in dictionary) or bool(
        before and before[1] + word in dictionary
    )


def _cut_off(text: str, start: int, end: int) -> bool:
    """A word broken off by a dash or an ellipsis, as speech is interrupted or trails away
    (`We're in the manufact—"`, `down to the cemeter…`): the start of a known word, not a
    slip."""
    after = text[end : end + 3]
    if not (after[:1] in ("—", "–", "…") or after[:2] == "--" or after == "..."):
        return False
    word = text[start:end].lower()
    if len(word) < 2:
        return False
    dictionary = english_dictionary()
    return any(w.startswith(word) for w in _words_starting(word[:3], dictionary))


@lru_cache(maxsize=1024)
def _words_starting(head: str, dictionary) -> tuple[str, ...]:
    return dictionary.starting(head)


def _prefix_before_hyphen(text: str, start: int, end: int) -> bool:
    """A prefix joined to its word by a hyphen (`un-destroyed`, `non-human`): not a word of
    its own, so no misspelling."""
    return text[end : end + 1] == "-" and text[start:end].lower() in _hyphen_prefixes()


def _in_a_hyphenated_compound(text: str, start: int, end: int) -> bool:
    """A part of a compound joined by a hyphen, built from a known word with an ending
    (`a fury-fisted punch`, `an old-timey player`): fiction coins such modifiers freely. A
    part that is no word with an ending (`cilmate-industrial`, `elctro-box`) is a slip."""
    before, after = text[start - 1 : start], text[end : end + 1]
    if not (
        (before == "-" and text[start - 2 : start - 1].isalpha())
        or (after == "-" and text[end + 1 : end + 2].isalpha())
    ):
        return False
    word = text[start:end].lower()
    return word.isalpha() and len(word) >= 4 and built(word, english_dictionary(), 1)


# Code in a character's terminal: std.cout::, os.path.join(), user_id, /usr/bin, a->b (a
# slash between two words is prose: his/her).
_CODE = re.compile(r"::|->|\(\)|[A-Za-z]{2}\.[a-z]{2}|[A-Za-z]_[A-Za-z]|^[~.]?/\w|\w/\w+/")


def _in_code(text: str, start: int, end: int) -> bool:
    """A word inside a token of code (`std.cout::`, `os.path.join()`, `user_id`): a name in
    a program, not a word of the prose. The token runs from space to space."""
    left = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    right = min(
        (i for i in (text.find(" ", end), text.find("\n", end)) if i >= 0), default=len(text)
    )
    return bool(_CODE.search(text[left:right]))


_SYLLABLES = re.compile(r"[A-Za-z_*]+(?:-[A-Za-z_*]+)+")


def _spelt_in_syllables(text: str, start: int, end: int) -> bool:
    """A word said syllable by syllable, the pieces joined by hyphens (`Ex-_cuse_ me!`,
    `ri-dic-u-lous`): closed up, the pieces make a known word."""
    for m in _SYLLABLES.finditer(text, max(0, start - 30), min(len(text), end + 30)):
        if m.start() <= start and end <= m.end():
            whole = m.group(0).replace("-", "").strip("_*").replace("_", "").replace("*", "")
            return whole.lower() in english_dictionary()
    return False


@lru_cache(maxsize=1)
def _hyphen_prefixes() -> frozenset[str]:
    return frozenset(data.load("hyphenation")["hyphen-prefixes"])


def _sound(word: str) -> bool:
    """A sound typed as it is said (`Woah`, `Heey`, `umm`, `mmhmm`, `pfft`) or an oath drawn
    out (`Jeesus`): rules/speech.yaml lists them, repeated letters are read collapsed, and a
    sound made a verb keeps its ending (`huhed`, `shushing`)."""
    low = word.lower()
    sounds = _sounds_and_oaths()
    stem = _VERB_ENDING.sub("", low)
    return any(
        form in sounds
        or re.sub(r"(.)\1+", r"\1", form) in sounds
        or re.sub(r"(.)\1{2,}", r"\1\1", form) in sounds
        for form in {low, stem}
    )


@lru_cache(maxsize=1)
def _sounds_and_oaths() -> frozenset[str]:
    return lexicon().spoken_sounds | lexicon().exclamation_names


_VERB_ENDING = re.compile(r"(?<=[a-z]{2})(?:ed|ing|s)$")


_DRAWN_OUT = re.compile(r"([a-zA-Z])\1{2,}")
# WiFi, SoCal (a capital inside the word); LOLs, ACKing, HODLed, GPL'd (letters in capitals,
# then an ending): names of things and net speech, not slips of the keyboard.
_MIXED_CASE = re.compile(r".*[a-z][A-Z].*|[A-Z]{2,}['’]?[a-z]{1,3}")
_CONTRACTED = re.compile(r"([A-Za-z]+)['’](?:ll|d|ve|re)")
# An ending set off by an apostrophe on a clipped word or letters: mic’ing, KO’d, OK’ed.
_MARKED_ENDING = re.compile(r"([A-Za-z]+)['’](?:d|ed|ing|s|er)")


def _voiced(word: str) -> bool:
    """A word spelt to be heard or seen, as a copy editor leaves it: drawn out (`looooove`,
    `siiiick`; three letters only where no word has two or one there: `shhh`, but not
    `illlusory`), in mixed case (`WiFi`, `LOLs`, `HODL'ed`), a known word with a
    contraction run on (`this’ll`, `what'd`, `everything'll`), or a known word or letters
    with an ending set off by an apostrophe (`mic’ing`, `KO’d`)."""
    dictionary = english_dictionary()
    for m in _DRAWN_OUT.finditer(word):
        if len(m.group(0)) >= 4:
            return True
        one = (word[: m.start()] + m.group(1) + word[m.end() :]).lower()
        two = (word[: m.start()] + m.group(1) * 2 + word[m.end() :]).lower()
        if one not in dictionary and two not in dictionary:
            return True
    if _MIXED_CASE.fullmatch(word):
        return True
    contracted = _CONTRACTED.fullmatch(word)
    if contracted and contracted.group(1).lower() in dictionary:
        return True
    marked = _MARKED_ENDING.fullmatch(word)
    return bool(marked) and (marked.group(1).isupper() or marked.group(1).lower() in dictionary)


def _mentioned(text: str, start: int, end: int) -> bool:
    """A word alone in quotation marks, named rather than used (`the word "smdh"`, `a
    muttered "woop"`), unless it is one letter from a word (a slip: `"folowed"`)."""
    if text[start - 1 : start] not in _QUOTE_MARKS:
        return False
    after = text[end : end + 2]
    if not (after[:1] in _QUOTE_MARKS or (after[:1] in ".,!?" and after[1:2] in _QUOTE_MARKS)):
        return False
    return not one_edit_from_a_word(text[start:end].lower(), english_dictionary())


_QUOTE_MARKS = "\"'“”‘’"


def in_speech(para, offset: int) -> bool:
    """Whether paragraph character `offset` is inside a quotation (speech, or speech
    carried on from the paragraph before)."""
    return marks_of(para).speech_at(offset) is not None


def _respelt(word: str) -> bool:
    """Eye dialect in speech: creetur, gratitoode, nevvy, aisy, pianny. A character's
    accent respells a word by its sound, two letters or more from the word; a typing slip
    is one key away (definately, recieve, untill, wich) or a doubling gone wrong
    (tommorow, neccesary, dissapoint: the same letters as a known word once doubles are
    single)."""

    bare = POSSESSIVE.sub("", word).lower()
    if len(bare) < 3 or not bare.isalpha():
        return False
    dictionary = english_dictionary()
    if one_edit_from_a_word(bare, dictionary):
        return False
    return not doubled_differently(bare, dictionary)


def open_by_choice(ms, words: str, replacement: str | None) -> bool:
    """Whether an engine's closed compound (someone for `some one`, nonetheless for `none
    the less`) goes against the manuscript's own habit: the open form written twice or
    more, and at least as often as the closed one. Which form a manuscript keeps is C003's
    business; a lone `some one` among many `someone`s is still reported."""
    if replacement is None or " " not in words:
        return False
    closed = replacement.lower()
    if closed != re.sub(r"\s+", "", words.lower()):
        return False

    def counts(ms) -> dict:
        return {}

    seen = ms.memo("open-compound-counts", counts)
    if closed not in seen:
        pattern = r"\b" + r"\s+".join(map(re.escape, words.lower().split())) + r"\b"
        open_count = len(re.findall(pattern, ms.joined_text(), flags=re.IGNORECASE))
        seen[closed] = open_count >= 2 and open_count >= lower_counts(ms)[closed]
    return seen[closed]


# Confusions of words that sound alike are slips of the pen, never a character's accent.
_HOMOPHONES = (
    {"their", "there", "they're"},
    {"your", "you're"},
    {"its", "it's"},
    {"whose", "who's"},
    {"to", "too", "two"},
    {"than", "then"},
    {"were", "where", "we're"},
    {"of", "have", "'ve"},
    {"new", "knew"},
    {"affect", "effect"},
    {"lose", "loose"},
)


def spoken_habits(found: list[tuple]) -> set[int]:
    """Indexes of grammar findings that are a character's way of speaking, not the
    writer's slips: a finding (rule and words) made three times or more in speech and
    never in narration ("it were", "you was", "he knowed", "a old bird" in Joe's mouth).
    `found` holds (paragraph, start, end, rule, replacement). Confusions of words that
    sound alike are always reported (see _HOMOPHONES)."""
    in_speech_at: dict[tuple, list[int]] = {}
    in_narration: set[tuple] = set()
    for i, (para, start, end, rule, replacement) in enumerate(found):
        words = para.text[start:end].lower().replace("’", "'")
        if replacement is not None and _sounds_alike(words, replacement.lower()):
            continue
        habit = (rule, words)
        if in_speech(para, start):
            in_speech_at.setdefault(habit, []).append(i)
        else:
            in_narration.add(habit)
    return {
        i
        for habit, at in in_speech_at.items()
        if len(at) >= 3 and habit not in in_narration
        for i in at
    }


def _sounds_alike(words: str, replacement: str) -> bool:
    said = set(words.replace("'", "' ").split()) | {words}
    fixed = set(replacement.replace("'", "' ").split()) | {replacement}
    return any(said & group and fixed & group for group in _HOMOPHONES)


_LETTER_RUN = re.compile(r"[^\W\d_]+")


def _foreign(text: str, start: int, end: int) -> bool:
    """French and Spanish in an English novel: fait accompli, foie gras, c'est l'homme. A
    word counts when a French or Spanish word list holds it and it is long (accompli) or a
    neighbour is foreign too (foie gras), so that a short English slip which happens to be a
    French word (sur for sure) is still reported. Italian, German and Dutch lists are left
    out: they hold common English misspellings (accomodate, wich, wierd)."""
    # The elided article of c'est, l'homme, d'or is a letter of its own.
    words = [w.lower() for w in _LETTER_RUN.findall(text[start:end]) if len(w) > 1]
    if not words or not all(_in_foreign(w) for w in words):
        return False
    if max(len(w) for w in words) >= 6:
        return True
    english = english_dictionary()
    before = _LETTER_RUN.findall(text[max(0, start - 30) : start])
    after = _LETTER_RUN.findall(text[end : end + 30])
    neighbours = [w.lower() for w in (before[-1:] + after[:1])]
    return any(len(w) > 1 and _in_foreign(w) and w not in english for w in neighbours)


def _in_a_foreign_passage(text: str, start: int, end: int) -> bool:
    """A word of a passage in French, Spanish, German or Italian in an English novel (`die
    ganze Armee`, `Mio caro, crudele`, `qu'un peur`): that language's word list holds it,
    and at least two of the three words on either side that English does not know. German and Italian hold common
    English slips (wich, accomodate), but a slip sits among English words: it is still
    reported. The lists (0.5 s, 90 MB) load only for a word with such strangers about it."""
    english = english_dictionary()
    word = text[start:end].lower()
    before = _LETTER_RUN.findall(text[max(0, start - 40) : start])[-3:]
    after = _LETTER_RUN.findall(text[end : end + 40])[:3]
    strangers = [w.lower() for w in before + after if len(w) > 1 and w.lower() not in english]
    if len(strangers) < 2:
        return False
    return any(
        word in lexicon and sum(w in lexicon for w in strangers) >= 2
        for lexicon in _foreign_lexicons() + _passage_lexicons()
    )


@lru_cache(maxsize=1)
def _passage_lexicons() -> tuple:
    """pyspellchecker's German and Italian word lists (see _in_a_foreign_passage)."""
    return tuple(wordstore.language(lang) for lang in ("de", "it"))


def _in_foreign(word: str) -> bool:
    return any(word in lexicon for lexicon in _foreign_lexicons())


@lru_cache(maxsize=1)
def _foreign_lexicons() -> tuple:
    """pyspellchecker's French and Spanish word lists."""
    return tuple(wordstore.language(lang) for lang in ("fr", "es"))


class StoryWords(set):
    """The story's words, lower-cased; `names` holds those it writes with a capital (the
    characters, places and proper nouns)."""

    names: frozenset[str] = frozenset()


def story_words(ms) -> StoryWords:
    """Words that are never spelling mistakes, lower-cased: the config's words, the
    characters' names the manuscript teaches, proper nouns, and any word it uses again and
    again (glimmerkit, the Lowmarket): a typo is rare by nature, and C005 looks for those.
    Applied after the cache, so that cached results do not depend on them."""
    # Capitalised in mid-sentence: a proper noun (Haggerston, Westerham). A misspelt name
    # is C005's business.
    names = {n.lower() for n in manuscript_names(ms)} | {
        w.lower() for w in mid_sentence_capitals(ms)
    }
    known = StoryWords({w.lower() for w in ms.settings.words} | names)
    known |= {w.lower() for w, n in word_counts(ms).items() if n >= 3}
    known.names = frozenset(names)
    return known


def _in_house_style(ms, found: list[Diagnostic]) -> list[Diagnostic]:
    """Engines suggest typewriter apostrophes (they're); in a curly manuscript the fix
    writes ’, so that it never brings in the minority style."""
    if not any("'" in e.replacement for d in found if d.fix for e in d.fix.edits):
        return found
    from dataclasses import replace

    if not quote_style(ms).curly:
        return found
    for d in found:
        if d.fix and any("'" in e.replacement for e in d.fix.edits):
            d.fix = replace(
                d.fix,
                edits=tuple(
                    replace(e, replacement=e.replacement.replace("'", "’")) for e in d.fix.edits
                ),
            )
    return found


def _without_duplicates(found: list[Diagnostic], ours: list[Diagnostic]) -> list[Diagnostic]:
    """Drop grammar findings on words a ficlint finding already covers (a doubled word, a
    straight apostrophe, the comma before a tag)."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for d in ours:
        spans.setdefault(id(d.document), []).append((d.start, d.end))
    kept = []
    for d in found:
        if any(s < d.end and d.start < e for s, e in spans.get(id(d.document), ())):
            continue
        kept.append(d)
    return kept


# What reaches an engine is bounded by shape, measured with Harper (harper-py 0.x, /usr/bin/time
# -v, peak RSS over a 160 MB base): a word of 100 letters costs 250 MB, of 500 letters 480
# MB, of 5,000 letters 2.6 GB (its spelling suggestions); 8,000 nested brackets take 60 s,
# twice as many four times as long. Prose itself is cheap: a 1,000,000-character paragraph
# of Doyle takes 295 MB. No writer writes a 100-letter word or brackets 20 deep.
LONGEST_WORD = 100
DEEPEST_BRACKETS = 20
_LONG_WORD = re.compile(rf"[^\W_]{{{LONGEST_WORD + 1},}}")
_URL = re.compile(r"\b(?:https?://|www\.)\S+")
_BRACKETS = re.compile(r"[()\[\]{}]")


@dataclass
class Guarded:
    """Text for an engine, offsets unchanged, and what was held back from it."""

    text: str | None  # None: the whole paragraph is held back
    long_words: int = 0


def for_engine(text: str) -> Guarded:
    """The paragraph as an engine may see it: each word over LONGEST_WORD letters (not part
    of a link) blanked out with spaces, so every offset holds; None when brackets nest more
    than DEEPEST_BRACKETS deep (the house rules still check it)."""
    if _too_deep(text):
        return Guarded(None)
    if not _LONG_WORD.search(text):
        return Guarded(text)
    links = [m.span() for m in _URL.finditer(text)]
    parts, last, blanked = [], 0, 0
    for m in _LONG_WORD.finditer(text):
        if any(s <= m.start() and m.end() <= e for s, e in links):
            continue
        parts += [text[last : m.start()], " " * (m.end() - m.start())]
        last = m.end()
        blanked += 1
    parts.append(text[last:])
    return Guarded("".join(parts), blanked)


def _too_deep(text: str) -> bool:
    depth = 0
    for m in _BRACKETS.finditer(text):
        depth = depth + 1 if m.group() in "([{" else max(0, depth - 1)
        if depth > DEEPEST_BRACKETS:
            return True
    return False


def held_back_notice(paragraphs: list, long_words: int, engine: str) -> list[str]:
    """One notice for the paragraphs held back from the engine, one for the long words."""
    notices = []
    if paragraphs:
        first = paragraphs[0]
        line, _ = first.document.line_col(first.span(0, 0)[0])
        n = len(paragraphs)
        notices.append(
            f"{n} paragraph{'s' if n != 1 else ''} with brackets nested over "
            f"{DEEPEST_BRACKETS} deep not sent to {engine} (first at "
            f"{first.document.display_path}:{line}); ficlint's own rules still checked "
            f"{'them' if n != 1 else 'it'}"
        )
    if long_words:
        notices.append(
            f"{long_words} word{'s' if long_words != 1 else ''} over {LONGEST_WORD} letters "
            f"not sent to {engine} (no dictionary holds {'them' if long_words != 1 else 'it'})"
        )
    return notices


def explain_code(code: str) -> str | None:
    """What a grammar code in a report means, for `ficlint rule` and the editor's hover: a
    Harper rule by name (G:harper:AnA, G:harper:Misc:AnA) with whether the default tier holds
    it, else an engine, kind or LanguageTool rule; None if no engine reports such a code (a
    Harper rule that the Harper installed here does not have: G:harper:Nonsense)."""
    from ficlint.grammar.harper import listed_rules, named_rule, unknown_rule

    harper_rule = named_rule(code)
    if harper_rule and unknown_rule(code):
        return None
    for name, on, summary in listed_rules() if harper_rule else ():
        if name.lower() == harper_rule.lower():
            state = "on by default (the default tier)" if on else "off by default"
            return f"G:harper:{name}  Harper's {name} rule, {state}\n\n{summary}"
    return _engine_code_text(code)


_ENGINES = {
    "harper": "Harper, the offline grammar engine ficlint runs by default (--grammar auto)",
    "languagetool": "LanguageTool, the grammar server you configure (see the README)",
}


def _engine_code_text(code: str) -> str | None:
    """What a grammar engine's code (as it appears in a report) means, or None if no engine
    reports such a code: an engine, or one of its kinds (Harper) or rules (LanguageTool).
    The engines' rules are theirs: ficlint names them and says how to keep or silence them."""
    parts = code.split(":")
    if len(parts) not in (2, 3) or parts[0].upper() != "G" or parts[1].lower() not in _ENGINES:
        return None
    engine = parts[1].lower()
    kind = parts[2] if len(parts) == 3 and parts[2] else None
    full = f"G:{engine}:{kind}" if kind else f"G:{engine}"
    if kind is None:
        what = f"Every finding of {_ENGINES[engine]}."
    elif engine == "harper":
        what = f"Findings of {_ENGINES[engine]}, of its kind {kind}."
    else:
        what = (
            f"Findings of {_ENGINES[engine]}, of its rule {kind} "
            f"(https://community.languagetool.org/rule/show/{kind}?lang=en)."
        )
    return "\n".join(
        [
            full,
            "",
            what,
            "",
            "Family: grammar engine. Default: on whenever the engine runs. Severity: warning. "
            "Fix: the engine's suggestion, written only with --fix --apply-suggestions.",
            "",
            "Silence it:",
            f'    --ignore {full}   (or ignore = ["{full}"] in the config)',
            "    --grammar off     (no grammar engine at all)",
        ]
    )
