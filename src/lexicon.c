/* lexicon.c - closed word lists, looked up through one hash table built once.
 * The lists are written for precis; each is a space-separated string. */
#include "lexicon.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static const char *L_ABBREV_TITLE =
    "mr mrs ms dr prof gen sen rep gov lt col capt sgt adm maj cmdr rev hon det insp supt cpl pvt "
    "fr sr jr st mt ft messrs mme mlle gov-elect brig lieut atty sens reps";
static const char *L_ABBREV =
    "jan feb mar apr aug sep sept oct nov dec inc corp ltd co bros vs etc approx dept "
    "univ assn ave blvd ariz calif colo conn fla kan mich minn nev okla penn "
    "tenn tex wis wyo ala ark neb del e.g i.e a.m p.m plc";
static const char *L_TITLE =
    "mr mrs ms miss dr prof president vice secretary minister chancellor senator sen rep representative "
    "congressman congresswoman gov governor mayor judge justice general gen admiral adm colonel col "
    "captain capt lieutenant lt sergeant sgt professor pope king queen prince princess sir dame lord "
    "lady sheikh ambassador commissioner director chairman chairwoman chair ceo coach officer detective "
    "inspector superintendent speaker premier emperor empress archbishop bishop cardinal father rabbi "
    "imam pastor reverend rev councillor councilman councilwoman attorney chief deputy envoy marshal "
    "major commander corporal private sheriff president-elect commandant delegate sens reps "
    "adviser advisor cfo coo cto editor editor-in-chief publisher";
static const char *L_SPEECH =
    "say said says saying tell told tells telling add added adds adding insist insisted insists "
    "warn warned warns explain explained explains claim claimed claims state stated states announce "
    "announced announces argue argued argues note noted notes acknowledge acknowledged acknowledges "
    "admit admitted admits confirm confirmed confirms deny denied denies declare declared declares "
    "suggest suggested suggests write wrote writes report reported reports reiterate reiterated "
    "reiterates stress stressed stresses emphasise emphasised emphasises emphasize emphasized "
    "emphasizes urge urged urges vow vowed vows promise promised promises predict predicted predicts "
    "reveal revealed reveals recall recalled recalls reply replied replies respond responded responds "
    "answer answered answers continue continued continues conclude concluded concludes comment "
    "commented comments complain complained complains concede conceded concedes believe believed "
    "believes think thought thinks estimate estimated estimates tweet tweeted tweets post posted "
    "allege alleged alleges agree agreed agrees disclose disclosed discloses indicate indicated "
    "indicates maintain maintained maintains observe observed observes remark remarked remarks "
    "repeat repeated repeats assure assured assures contend contended contends counter countered "
    "counters caution cautioned cautions boast boasted boasts joke joked jokes lament lamented "
    "laments quip quipped quips shout shouted shouts whisper whispered whispers yell yelled yells "
    "testify testified testifies hint hinted hints hope hoped hopes expect expected expects fear "
    "feared fears ask asked asks wonder wondered wonders recount recounted recounts describe described "
    "describes accuse accused accuses charge charged charges insist underline underlined underlines "
    "signal signaled signalled signals point pointed points assert asserted asserts affirm affirmed "
    "affirms inform informed informs advise advised advises demand demanded demands propose proposed "
    "proposes forecast forecasts forecasted concur concurred argues mention mentioned mentions "
    "according saying adding arguing noting claiming insisting warning explaining stressing "
    "suggesting citing asserting declaring acknowledging admitting calling";
static const char *L_EVIDENCE = "show shows showed shown find finds found cite cites cited suggest suggests "
                                "suggested indicate indicates indicated reveal reveals revealed";
static const char *L_SPEECH_PRESENT =
    "says tells adds insists warns explains claims states announces argues notes acknowledges admits "
    "confirms denies declares suggests writes reports reiterates stresses urges vows promises predicts "
    "reveals recalls replies responds answers continues concludes comments complains concedes believes "
    "thinks estimates tweets alleges agrees maintains asks";
static const char *L_SPEECH_NOTHAT = "ask asked asks wonder wondered wonders describe described describes "
                                     "accuse accused accuses charge charged charges point pointed points";
static const char *L_PRON_M = "he him his himself";
static const char *L_PRON_F = "she her hers herself";
static const char *L_PRON_PL = "they them their theirs themselves";
static const char *L_PRON_1 = "i me my mine myself we us our ours ourselves";
static const char *L_STOP =
    "a an the and or but nor so yet for of in on at to from by with without about above below over "
    "under into onto upon after before since until while during as than that this these those there "
    "here it its is are was were be been being am do does did done have has had having will would "
    "shall should can could may might must not no yes if then else when where why how what which who "
    "whom whose all any both each every few more most other some such only own same too very just "
    "also i me my we us our you your he him his she her they them their one ones many much neither "
    "either because although though however thus hence therefore meanwhile instead yet still even "
    "ever never always often sometimes now today tomorrow yesterday tonight last next first "
    "despite among amid between through throughout against toward towards per via via like unlike "
    "once again further already later earlier soon well";
static const char *L_SENT_START =
    "the a an he she it they we i you but and so yet in on at this that these those there his her "
    "their its our my your as after before when while if although though however meanwhile also "
    "one some many most all both each no not what who why how where for by with from to last next "
    "speaking asked according earlier later still instead now then today yesterday since until";
static const char *L_MONTH =
    "january february march april may june july august september october november december jan feb "
    "mar apr jun jul aug sep sept oct nov dec";
static const char *L_DAY =
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri sat sun";
static const char *L_ORG_WORD =
    "inc corp corporation ltd llc plc co company group party council ministry department university "
    "college school association agency bank committee commission court army navy police union "
    "organization organisation institute foundation club league federation fund office service "
    "services network news times post journal tribune herald gazette telegraph guardian senate "
    "congress parliament administration authority board bureau fc airlines airways motors "
    "industries holdings partners capital systems technologies labs laboratories hospital church "
    "alliance coalition movement front brigade forces force assembly cabinet government embassy "
    "council agency centre center foundation trust society academy museum studios records media "
    "broadcasting television radio channel magazine press reuters commons lords nations forum";
static const char *L_PLACE =
    "afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan "
    "bahamas bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana "
    "brazil brunei bulgaria burundi cambodia cameroon canada chad chile china colombia congo croatia "
    "cuba cyprus czechia denmark djibouti dominica ecuador egypt eritrea estonia eswatini ethiopia "
    "fiji finland france gabon gambia georgia germany ghana greece grenada guatemala guinea guyana "
    "haiti honduras hungary iceland india indonesia iran iraq ireland israel italy jamaica japan "
    "jordan kazakhstan kenya kiribati kosovo kuwait kyrgyzstan laos latvia lebanon lesotho liberia "
    "libya liechtenstein lithuania luxembourg madagascar malawi malaysia maldives mali malta "
    "mauritania mauritius mexico micronesia moldova monaco mongolia montenegro morocco mozambique "
    "myanmar namibia nauru nepal netherlands nicaragua niger nigeria norway oman pakistan palau "
    "palestine panama paraguay peru philippines poland portugal qatar romania russia rwanda samoa "
    "senegal serbia seychelles singapore slovakia slovenia somalia spain sudan suriname sweden "
    "switzerland syria taiwan tajikistan tanzania thailand togo tonga tunisia turkey turkmenistan "
    "tuvalu uganda ukraine uruguay uzbekistan vanuatu venezuela vietnam yemen zambia zimbabwe "
    "britain england scotland wales europe asia africa america antarctica australia gaza crimea "
    "kyiv kiev moscow washington london paris berlin brussels rome madrid beijing tokyo delhi "
    "mumbai seoul pyongyang tehran baghdad damascus kabul islamabad cairo jerusalem ankara istanbul "
    "athens vienna warsaw prague budapest bucharest sofia belgrade zagreb lisbon dublin edinburgh "
    "cardiff belfast amsterdam stockholm oslo copenhagen helsinki geneva zurich munich frankfurt "
    "hamburg milan naples barcelona ottawa toronto montreal vancouver sydney melbourne chicago "
    "boston houston dallas atlanta miami seattle denver phoenix detroit philadelphia baltimore "
    "manchester liverpool birmingham glasgow leeds texas california florida ohio michigan virginia "
    "carolina arizona nevada oregon alabama alaska arkansas colorado connecticut delaware hawaii "
    "idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts minnesota "
    "mississippi missouri montana nebraska oklahoma pennsylvania tennessee utah vermont wisconsin "
    "wyoming dakota hampshire jersey york orleans angeles francisco diego kong beirut riyadh dubai "
    "doha kabul lagos nairobi johannesburg havana caracas lima bogota santiago donetsk luhansk "
    "kharkiv odesa mariupol bakhmut sevastopol minsk tbilisi yerevan baku manila jakarta bangkok "
    "hanoi singapore taipei shanghai hong";
static const char *L_DEMONYM =
    "american british english scottish welsh irish french german italian spanish portuguese dutch "
    "belgian swiss austrian polish czech hungarian romanian bulgarian greek turkish russian "
    "ukrainian belarusian swedish norwegian danish finnish estonian latvian lithuanian chinese "
    "japanese korean indian pakistani afghan iranian iraqi syrian israeli palestinian lebanese "
    "egyptian saudi emirati qatari yemeni libyan tunisian algerian moroccan nigerian kenyan "
    "ethiopian somali sudanese african european asian canadian mexican brazilian argentine "
    "colombian venezuelan cuban australian western eastern northern southern arab muslim christian "
    "jewish catholic kurdish serbian croatian georgian armenian non-european us uk eu un";
static const char *L_ROLE =
    "chief minister secretary anchor president leader spokesman spokeswoman spokesperson official "
    "officer director head chairman chairwoman chair executive ceo boss founder owner manager coach "
    "player star actor actress singer writer author lawyer attorney judge senator governor mayor "
    "diplomat envoy ambassador general commander captain prosecutor investigator detective "
    "inspector analyst expert economist scientist researcher professor doctor surgeon nurse "
    "teacher student mother father wife husband son daughter brother sister friend neighbour "
    "neighbor witness victim suspect man woman boy girl driver pilot soldier activist campaigner "
    "candidate lawmaker legislator politician premier chancellor king queen prince princess pope "
    "host presenter journalist reporter editor correspondent producer director banker investor "
    "novelist poet historian organiser organizer fisherman farmer admiral colonel lieutenant sergeant "
    "counterpart negotiator adviser advisor aide strategist consultant worker employee resident "
    "veteran champion striker midfielder defender goalkeeper manager referee official congressman "
    "congresswoman representative nominee incumbent billionaire businessman businesswoman "
    "entrepreneur administrator commissioner regulator chief-executive";
static const char *L_ORG_KNOWN =
    "nato un eu fbi cia nsa bbc cnn nbc cbs abc fox reuters afp ap nasa who imf opec pentagon "
    "kremlin hamas hezbollah taliban isis fifa uefa nfl nba mlb nhl google apple microsoft amazon "
    "facebook twitter meta tesla nhs ecb fed irs dhs epa fda cdc interpol unicef unesco gop "
    "labour tories conservatives democrats republicans";
static const char *L_PERSON_WORD =
    "people person persons men women children adults students patients workers soldiers troops "
    "civilians residents voters members fans players victims refugees migrants passengers "
    "employees officers jobs deaths casualties homes houses cases";
static const char *L_COMMON =
    "i the this that these those it its in on at as if but and or so no yes not all any some "
    "police officials authorities experts doctors scientists researchers critics officers "
    "residents witnesses sources analysts prosecutors investigators lawmakers leaders";

typedef struct {
  const char *word; /* into the static list text, not NUL-terminated */
  uint32_t len;
  uint32_t flags;
} lex_entry;

#define LEX_BITS 13
#define LEX_SIZE (1u << LEX_BITS)
static lex_entry table[LEX_SIZE];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void add_list(const char *list, uint32_t flag) {
  const char *p = list;
  while (*p) {
    while (*p == ' ') p++;
    const char *q = p;
    while (*q && *q != ' ') q++;
    size_t n = (size_t)(q - p);
    if (n) {
      uint32_t h = prc_hash_lower(p, n) & (LEX_SIZE - 1);
      while (table[h].word && !(table[h].len == n && memcmp(table[h].word, p, n) == 0))
        h = (h + 1) & (LEX_SIZE - 1);
      if (!table[h].word) {
        /* the entry points into the list itself (static text): the table
         * allocates nothing, so it cannot fail */
        table[h].word = p;
        table[h].len = (uint32_t)n;
      }
      table[h].flags |= flag;
    }
    p = q;
  }
}

static void build(void) {
  add_list(L_ABBREV_TITLE, LX_ABBREV | LX_ABBREV_NOEND);
  add_list(L_ABBREV, LX_ABBREV);
  add_list(L_TITLE, LX_TITLE);
  add_list(L_SPEECH, LX_SPEECH);
  add_list(L_SPEECH_PRESENT, LX_SPEECH_PRESENT);
  add_list(L_EVIDENCE, LX_EVIDENCE | LX_SPEECH);
  add_list(L_SPEECH_NOTHAT, LX_SPEECH_NOTHAT);
  add_list(L_PRON_M, LX_PRON_M);
  add_list(L_PRON_F, LX_PRON_F);
  add_list(L_PRON_PL, LX_PRON_PL);
  add_list(L_PRON_1, LX_PRON_1);
  add_list(L_STOP, LX_STOP);
  add_list(L_SENT_START, LX_SENT_START);
  add_list(L_MONTH, LX_MONTH);
  add_list(L_DAY, LX_DAY);
  add_list(L_ORG_WORD, LX_ORG_WORD);
  add_list(L_PLACE, LX_PLACE);
  add_list(L_DEMONYM, LX_DEMONYM);
  add_list(L_ROLE, LX_ROLE);
  add_list(L_ORG_KNOWN, LX_ORG_KNOWN);
  add_list(L_PERSON_WORD, LX_PERSON_WORD);
  add_list(L_COMMON, LX_COMMON);
}

uint32_t prc_lex_flags(const char *s, size_t n) { return prc_lex_finish(s, n, prc_lex_start(s, n)); }

uint32_t prc_lex_start(const char *s, size_t n) {
  if (n == 0 || n > 40) return 0;
  pthread_once(&once, build);
  /* ignore a trailing dot (abbreviations are stored without it) */
  if (n > 1 && s[n - 1] == '.') n--;
  uint32_t h = prc_hash_lower(s, n) & (LEX_SIZE - 1);
#if defined(__GNUC__)
  __builtin_prefetch(&table[h]);
#endif
  return h;
}

uint32_t prc_lex_finish(const char *s, size_t n, uint32_t h) {
  if (n == 0 || n > 40) return 0;
  if (n > 1 && s[n - 1] == '.') n--;
  while (table[h].word) {
    if (table[h].len == n) {
      const char *w = table[h].word;
      size_t i = 0;
      for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z') c += 32;
        if (c != (unsigned char)w[i]) break;
      }
      if (i == n) return table[h].flags;
    }
    h = (h + 1) & (LEX_SIZE - 1);
  }
  return 0;
}

bool prc_lex_is_abbrev(const char *s, size_t n) { return (prc_lex_flags(s, n) & LX_ABBREV) != 0; }

/* ---- named word lists (lexicon.h, lex_list) ---------------------------------- */

static const char *const N_PARTICIPLE_CUE[] = {
    "saying", "adding", "arguing", "noting", "claiming", "insisting", "warning", "explaining", "stressing",
    "suggesting", "citing", "asserting", "declaring", "acknowledging", "admitting", "calling", NULL};
static const char *const N_CLAUSE_WORD[] = {
    "that", "which", "who", "whom", "but", "and", "or", "while", "when", "as", "because", "although",
    "though", "if", "after", "before", "since", "so", "where", "whether", "than", "until", "unless", "once",
    NULL};
static const char *const N_AUX_OR_ADV[] = {
    "has", "have", "had", "was", "were", "is", "are", "will", "would", "did", "does", "do", "also", "later",
    "previously", "again", "repeatedly", "then", "reportedly", "once", "recently", "publicly", "privately",
    "separately", "earlier", "further", "frequently", "often", "been", "being", "be", "could", "may",
    "might", "should", "can", "not", "never", "first", "last", "initially", "today", "yesterday", "openly",
    "still", "even", NULL};
static const char *const N_AUX[] = {"is", "was", "were", "are", "will", "would", "had", "has", "have", "could",
                                    "should", "must", "can", "may", "might", "did", "does", "do", "be", "been",
                                    NULL};
static const char *const N_GERUND_VERB[] = {
    "admit", "admitted", "admits", "deny", "denied", "denies", "recall", "recalled", "recalls", "describe",
    "described", "describes", "suggest", "suggested", "suggests", "continue", "continued", "continues",
    "mention", "mentioned", "mentions", "propose", "proposed", "proposes", "acknowledge", "acknowledged",
    "acknowledges", "report", "reported", "reports", "recommend", "recommended", "consider", "considered",
    "promised", "vowed", NULL};
static const char *const N_ADDRESSEE_CUE[] = {"told", "tells", "tell", "telling", "assured", "informed", "warned", "reminded",
                                              NULL};
static const char *const N_ADVERBIAL_START[] = {"on", "in", "at", "last", "during", "late", "earlier", "via",
                                                "through", "after", "before", "this", "repeatedly", "publicly",
                                                "privately", "over", "throughout", "yesterday", "today", "again", "later",
                                                "recently", "previously", "then", "separately", NULL};
static const char *const N_PREPOSITION[] = {"in", "on", "at", "with", "during", "after", "before", "for",
                                            "from", "by", "about", "into", "over", "through", "via", NULL};
static const char *const N_SUBORDINATOR[] = {"while", "although", "though", "as", "when", "because", "if", "after", "before", "since", "once", "whereas", NULL};
static const char *const N_IRREGULAR_SPEECH[] = {"said", "told", "wrote", "thought", "says", "tells", NULL};
static const char *const N_PLURAL_SAY[] = {"say", "believe", "argue", "warn", "claim", "insist", NULL};
static const char *const N_SOURCE_DET[] = {"the", "a", "an", "his", "her", "their", "its", "our", "other", "some",
                                           "many", "one", "both", "former", "new", NULL};
static const char *const N_SOURCE_OPENER[] = {"In", "On", "At", "After", NULL};
static const char *const N_NOT_SPEAKER_LABEL[] = {
    "update", "updated", "note", "editor", "editors", "correction", "clarification", "photo", "photos",
    "video", "videos", "watch", "read", "related", "source", "sources", "credit", "credits", "caption",
    "advertisement", "listen", "share", "follow", "subscribe", "warning", "spoiler", "summary", "background",
    "transcript", "q", "a", "question", "answer", "breaking", "exclusive", "live", "opinion", "analysis",
    "review", "contact", "email", "tel", "phone", "web", "website", "twitter", "facebook", "instagram",
    "published", "posted", "by", "from", "to", "subject", "date", "time", "location", "where", "when",
    "what", "why", "how", "who", "example", "examples", "step", "part", "chapter", "section", "figure",
    "table", "tip", "tips", "pros", "cons", "verdict", "ps", "p.s", "re", "fyi", "nb",
    NULL};
static const char *const N_ARTICLE[] = {"the", "a", "an", NULL};
static const char *const N_ARTICLE_HOST[] = {"of", "for", "at", "all", "both", "half", NULL};
static const char *const N_POSSESSIVE[] = {"his", "her", "their", "our", "my", NULL};
static const char *const N_SOURCE_INNER[] = {"his", "her", "their", "former", NULL};
static const char *const N_CLAUSE_BREAK[] = {"though", "although", "whereas", "according", NULL};
static const char *const N_CLAIM_CUT[] = {"which", "while", "whereas", "although", "though", "who",
                                          "according", "as", "adding", "saying", NULL};
static const char *const N_CLAIM_OPENER[] = {
    "in", "on", "at", "after", "before", "during", "since", "for", "with", "under", "speaking", "meanwhile",
    "however", "earlier", "later", "last", "this", "now", "instead", "still", "yet", "also", "but", "and",
    "so", "separately", "elsewhere", "today", "yesterday", "overall", NULL};
static const char *const N_CONJ_OPENER[] = {"but", "and", "so", "yet", NULL};
static const char *const N_FINITE_VERB[] = {"is", "was", "are", "were", "has", "have", "had", "will", "would",
                                            NULL};
static const char *const N_GROUP_SOURCE[] = {"police", "officials", "authorities", NULL};
static const char *const N_INDEFINITE[] = {"a", "an", "one", "another", "some", "several", "many", NULL};
static const char *const N_DESC_SKIP[] = {"former", "new", NULL};
static const char *const N_ORG_VOICE[] = {"spokesman", "spokeswoman", "spokesperson", "spokespeople", "statement",
                                          "official",  "officials",   "leaders",      "representative",
                                          "representatives", NULL};
static const char *const N_ORG_HEAD[] = {
    "newspaper", "paper", "daily", "magazine", "journal", "publication", "outlet", "network", "channel",
    "broadcaster", "station", "website", "site", "company", "firm", "corporation", "bank", "fund", "agency",
    "department", "ministry", "office", "bureau", "service", "administration", "government", "committee",
    "commission", "council", "board", "panel", "court", "union", "association", "federation", "alliance",
    "coalition", "group", "organization", "organisation", "foundation", "institute", "center", "centre",
    "university", "party", "league", "charity", "nonprofit", "campaign", "team", "club", "church", "school",
    "college", "airline", "retailer", "automaker", "carmaker", "insurer", "lender", "regulator", "watchdog",
    "senate", "house", "congress", "parliament", "legislature", "city", "county", "state", "country",
    NULL};
static const char *const N_DOC_HEAD[] = {
    "report", "poll", "survey", "study", "statement", "ad", "advertisement", "spot", "article", "analysis",
    "piece", "clip", "video", "film", "book", "memoir", "data", "ruling", "decision", "release", "letter",
    "memo", "complaint", "lawsuit", "suit", "filing", "story", "editorial", "tweet", "post", "findings",
    "research", "document", "documents", "database", "review", "audit", "investigation", "brief",
    "opinion", "order", "resolution", "declaration", "communique", "website", "slide", "presentation",
    "account", "submission", "program", "programme", "show", "remarks", "testimony", "speech", "interview",
    NULL};
static const char *const N_PRINCIPAL_GROUP[] = {
    "aides", "aide", "advisers", "advisors", "adviser", "advisor", "campaign", "staff", "staffers",
    "administration", "allies", "surrogates", "operatives", "team", "camp", "office", "spokesman",
    "spokeswoman", "spokesperson", "spokespeople", "representatives", "statement", NULL};
static const char *const N_NAME_PARTICLE[] = {"of", "for", "de", "van", "von", "al", "bin", "da", "del", "and", "&",
                                              NULL};
static const char *const N_ADDRESS_FORM[] = {"Miss", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", NULL};
static const char *const N_COUNTRY_ABBREV[] = {"US", "UK", "U.S.", "U.K.", NULL};
static const char *const N_PERSON_VERB[] = {"has", "had", "was", "is", "will", "would", "took", "echoed", "added",
                                            NULL};
static const char *const N_MALE_TITLE[] = {"Mr", "Mr.", "Sir", "King", "Prince", "Lord", "spokesman", "chairman",
                                           NULL};
static const char *const N_FEMALE_TITLE[] = {"Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Dame", "Queen", "Princess",
                                             "Lady", "spokeswoman", "chairwoman", NULL};
static const char *const N_NON_NAME[] = {"gdp", "ceo", "tv", "ok", "id", "pm", "am", "ad", "bc", "dna", "hiv",
                                         "covid", "covid-19", "internet", "web", "mp", "mps", "phd", "vs",
                                         NULL};
static const char *const N_FIG_GDP_DET[] = {"its", "their", "the", "his", "her", "our", "this", "that",
                                            "national", "annual", "total", "global", "world", NULL};
static const char *const N_FIG_IRREGULAR[] = {
    "people", "men", "women", "children", "police", "staff", "personnel", "cattle", "sheep", "deer",
    "fish", "feet", "teeth", "geese", "mice", "aircraft", "livestock", "offspring", "species",
    "crew", "infantry", "militia", "km", "kg", "mph", "kph", "cm", "mm", "ft", "lb", "lbs", "mw",
    "gw", "kw", "kwh", "mwh", "gwh", "acres", "hectares", "tonnes", "tons", NULL};
static const char *const N_FIG_NOT_PLURAL[] = {
    "always", "perhaps", "sometimes", "besides", "afterwards", "towards", "backwards", "forwards",
    "upwards", "downwards", "nevertheless", "whereas", "thus", "plus", "minus", "unless", "across",
    "overseas", "indoors", "outdoors", "downstairs", "upstairs", "others", "ones", "times", "yes",
    "its", "this", "his", "hers", "ours", "yours", "theirs", "has", "was", "does", "goes", "news",
    "means", "thanks", "whereabouts", "lots", "tons", "loads", "bucks", "odds", "is", "as", "us",
    "says", "makes", "takes", "gives", "comes", "seems", "remains", "becomes", "includes", "needs",
    "wants", "looks", "feels", "gets", "puts", "lets", "keeps", "sees", "knows", "tells", "adds",
    "shows", "leaves", "marks", "brings", "stands", "lies", "dies", "happens", "begins", "ends",
    "percents", "apiece", "aboard", "series", "headquarters", "sales", "earnings", "proceeds",
    "savings", "terms", "grounds", "lengths", "olds", NULL};
static const char *const N_FIG_MODIFIER[] = {
    "more", "other", "new", "additional", "extra", "further", "former", "young", "elderly", "old",
    "armed", "unarmed", "injured", "wounded", "dead", "missing", "local", "foreign", "civilian",
    "innocent", "full-time", "part-time", "small", "large", "big", "major", "key", "top", "senior",
    "junior", "female", "male", "individual", "separate", "different", "registered", "eligible",
    "confirmed", "suspected", "active", "active-duty", "fellow", "total", "consecutive", "straight",
    "successive", "U.S.", "US", "UK", "EU", "UN", "NATO", "Nato", NULL};
static const char *const N_FIG_LABEL[] = {
    "no", "no.", "nos", "nos.", "number", "num", "page", "pages", "p", "pp", "chapter", "section", "article",
    "paragraph", "para", "clause", "line", "item", "flight", "route", "room", "platform", "gate",
    "terminal", "level", "grade", "year", "stage", "phase", "step", "round", "week", "day", "game",
    "match", "race", "lap", "heat", "channel", "bus", "highway", "interstate", "exit", "row", "seat",
    "table", "figure", "fig", "fig.", "version", "v", "model", "series", "size", "part", "vol", "vol.",
    "volume", "issue", "episode", "season", "category", "class", "type", "tier", "ward", "district",
    "zone", "precinct", "unit", "lot", "box", "apartment", "apt", "suite", "floor", "block", "building",
    "bill", "resolution", "act", "amendment", "rule", "regulation", "proposition", "prop", "measure",
    "division", "league", "squad", "team", "jersey", "shirt", "pick", "seed", "ranked", "ranking",
    "rank", "aged", "age", "ages", "height", "score", "minute", "hour", "#", "cell", "bed", "hole",
    "court", "via", "vs", "vs.", "v.", "x", NULL};
static const char *const N_FIG_START[] = {"a", "an", "half", "rs", "rs.", NULL};
static const char *const N_FIG_MEASURE[] = {
    "years", "months", "weeks", "days", "hours", "minutes", "seconds", "miles", "metres", "meters",
    "kilometres", "kilometers", "km", "feet", "inches", "yards", "pounds", "tons", "tonnes", "kg",
    "kilograms", "grams", "litres", "liters", "gallons", "acres", "hectares", "degrees", "points", NULL};
static const char *const N_FIG_SPORT[] = {"hurdles", "heats", "finals", "races", "titles", "events",
                                          "relays", "sprints", "metres", "meters", NULL};

static const char *const *const named[LXL_COUNT] = {
    [LXL_PARTICIPLE_CUE] = N_PARTICIPLE_CUE, [LXL_CLAUSE_WORD] = N_CLAUSE_WORD,
    [LXL_AUX_OR_ADV] = N_AUX_OR_ADV,         [LXL_AUX] = N_AUX,
    [LXL_GERUND_VERB] = N_GERUND_VERB,       [LXL_ADDRESSEE_CUE] = N_ADDRESSEE_CUE,
    [LXL_ADVERBIAL_START] = N_ADVERBIAL_START, [LXL_PREPOSITION] = N_PREPOSITION,
    [LXL_SUBORDINATOR] = N_SUBORDINATOR,     [LXL_IRREGULAR_SPEECH] = N_IRREGULAR_SPEECH,
    [LXL_PLURAL_SAY] = N_PLURAL_SAY,         [LXL_SOURCE_DET] = N_SOURCE_DET,
    [LXL_SOURCE_OPENER] = N_SOURCE_OPENER,   [LXL_CLAIM_CUT] = N_CLAIM_CUT,
    [LXL_ARTICLE] = N_ARTICLE,               [LXL_ARTICLE_HOST] = N_ARTICLE_HOST,
    [LXL_POSSESSIVE] = N_POSSESSIVE,         [LXL_SOURCE_INNER] = N_SOURCE_INNER,
    [LXL_CLAUSE_BREAK] = N_CLAUSE_BREAK,     [LXL_NOT_SPEAKER_LABEL] = N_NOT_SPEAKER_LABEL,
    [LXL_CLAIM_OPENER] = N_CLAIM_OPENER,     [LXL_CONJ_OPENER] = N_CONJ_OPENER,
    [LXL_FINITE_VERB] = N_FINITE_VERB,       [LXL_GROUP_SOURCE] = N_GROUP_SOURCE,
    [LXL_INDEFINITE] = N_INDEFINITE,         [LXL_NON_NAME] = N_NON_NAME,
    [LXL_DESC_SKIP] = N_DESC_SKIP,           [LXL_ORG_VOICE] = N_ORG_VOICE,
    [LXL_ORG_HEAD] = N_ORG_HEAD,             [LXL_DOC_HEAD] = N_DOC_HEAD,
    [LXL_PRINCIPAL_GROUP] = N_PRINCIPAL_GROUP,
    [LXL_NAME_PARTICLE] = N_NAME_PARTICLE,   [LXL_COUNTRY_ABBREV] = N_COUNTRY_ABBREV,
    [LXL_PERSON_VERB] = N_PERSON_VERB,       [LXL_MALE_TITLE] = N_MALE_TITLE,
    [LXL_FEMALE_TITLE] = N_FEMALE_TITLE,     [LXL_ADDRESS_FORM] = N_ADDRESS_FORM,
    [LXL_FIG_GDP_DET] = N_FIG_GDP_DET,       [LXL_FIG_IRREGULAR] = N_FIG_IRREGULAR,
    [LXL_FIG_NOT_PLURAL] = N_FIG_NOT_PLURAL, [LXL_FIG_MODIFIER] = N_FIG_MODIFIER,
    [LXL_FIG_LABEL] = N_FIG_LABEL,           [LXL_FIG_START] = N_FIG_START,
    [LXL_FIG_MEASURE] = N_FIG_MEASURE,       [LXL_FIG_SPORT] = N_FIG_SPORT,
};

const char *const *prc_lex_list(lex_list l) { return named[l]; }

static inline unsigned char fold(unsigned char c) { return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c; }

/* The lists are short (at most a few dozen words): a scan that rejects on
 * the first byte before measuring the word is as quick as a hash look-up. */
bool prc_lex_in(lex_list l, const char *s, size_t n) {
  if (n == 0) return false;
  for (const char *const *w = named[l]; *w; w++) {
    if ((*w)[0] != s[0]) continue;
    size_t i = 1;
    while (i < n && (*w)[i] && (*w)[i] == s[i]) i++;
    if (i == n && (*w)[n] == 0) return true;
  }
  return false;
}

bool prc_lex_in_ci(lex_list l, const char *s, size_t n) {
  if (n == 0) return false;
  unsigned char c0 = fold((unsigned char)s[0]);
  for (const char *const *w = named[l]; *w; w++) {
    if (fold((unsigned char)(*w)[0]) != c0) continue;
    size_t i = 1;
    for (; i < n; i++) {
      unsigned char b = (unsigned char)(*w)[i];
      if (!b || fold((unsigned char)s[i]) != fold(b)) break;
    }
    if (i == n && (*w)[n] == 0) return true;
  }
  return false;
}
