/* demo.c - the sample article that "precis" analyses when run on a terminal with no input.
 * Written for precis; kept identical to examples/harbour-bridge.txt (tests/cli.sh checks). */
#include "cli.h"

const char *const prc_demo_article =
    "WELLINGTON: The city's mayor said the Harbour Bridge would close for repairs next spring but that the closure would last \"no more than six weeks,\" and promised free ferries for commuters.\n"
    "Speaking at the council chamber on Tuesday, the former civil engineer laid out a $42 million plan to strengthen the 90-year-old crossing.\n"
    "\"We cannot keep patching a bridge that carries 60,000 cars a day,\" she told reporters. \"It is time to fix it properly.\"\n"
    "Transport fears\n"
    "Mayor Aroha Tane said the work had been delayed twice because of rising steel prices, which climbed 18 percent last year.\n"
    "Local business groups warned that the closure could cost shops on the waterfront up to NZ$3 million in lost trade.\n"
    "\"Every week without the bridge is a week without customers,\" said Peter Lomas, who chairs the Waterfront Traders Association. \"We support the repairs.\n"
    "\"But the council must tell us exactly how the ferries will work before a single lane is closed.\"\n"
    "Tane insisted the ferries would run every 15 minutes at peak hours.\n"
    "Who pays\n"
    "Finance Minister Grace Whitfield said the government would cover about 40 percent of the cost.\n"
    "\"This bridge matters to the whole region, not just the city,\" she said.\n"
    "The council will vote on the plan next month, according to a spokesman for the mayor.\n";
