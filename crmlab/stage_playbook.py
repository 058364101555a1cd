"""Chapter 2 content as data: what to do in each stage, the eight opportunities of the
initial stage and the three ways to create them, and why relationships regress.

Source: seed 000/004 §3.2 (development stages and their strategies). The notebook renders
these tables, so the wording lives in one place.

>>> strategy_table().loc["stable", "goal"]
'from main supplier to long-term supplier: happy to stay, painful to leave'
"""

from __future__ import annotations

import pandas as pd

STAGE_STRATEGIES = {
    "development": (
        "become a supplier at all",
        ["wait for the entry point: a new product launch, the annual supplier review, a staff "
         "change at the customer, the incumbent's quality or service problems, a worsening "
         "relationship with the incumbent, a drive to cut costs",
         "find the key person: map the customer's organisation and roles, find who shapes the "
         "purchase, and keep the other influencers on side",
         "build trust between people and between organisations, serving both the firm's and "
         "the individuals' interests",
         "make a technical breakthrough: show the value the customer cares about, or help set "
         "the technical standards so that they favour your product and lock out rivals"],
    ),
    "initial": (
        "from secondary to main supplier",
        ["complete the relationship: turn one salesperson-to-buyer contact into a network at "
         "several levels, so that no single departure breaks it",
         "raise the customer's expectations, so that the incumbent looks worse: better "
         "service, a more competitive product or solution, personal needs the incumbent "
         "cannot meet",
         "seize and create opportunities (the eight opportunities; three ways to create them)",
         "do not rely on price alone: discounts win a trial but are easy to copy"],
    ),
    "stable": (
        "from main supplier to long-term supplier: happy to stay, painful to leave",
        ["make staying pleasant: high quality, strong technology, good service, favourable "
         "terms, advanced solutions",
         "make leaving painful through purchase risk: a new supplier may mean inflated prices, "
         "quality problems, late delivery, too little capacity or poor after-sales service",
         "raise switching costs: differentiated products, technical barriers, year-end rebates "
         "(an airline switching from Boeing to Airbus must retrain mechanics and buy new spare "
         "parts)",
         "upgrade the relationship, sell to top management, build loyalty"],
    ),
    "strategic": (
        "a lasting strategic partnership",
        ["strategic complementarity: combine both firms' resources into one core competence",
         "bilateral lock-in: capital ties, shareholdings, shared profits",
         "top-level coordination: regular visits between top managers; team selling"],
    ),
}

EIGHT_OPPORTUNITIES = (
    ("new product launch", "a new product resets every supplier's technical lead to zero"),
    ("purchasing cycle", "the customer's annual supplier review is the time to win more "
                         "business"),
    ("staff change", "a change of people at a competitor or among the customer's key "
                     "influencers opens the door to a deeper relationship"),
    ("product quality", "the incumbent has a quality problem"),
    ("service complaints", "the customer starts complaining about the main supplier's "
                           "service"),
    ("weak relationship", "the incumbent depends on one person-to-person link, with no "
                          "contact at several levels"),
    ("worsening relationship", "complaints left unresolved, or individuals' needs unmet, sour "
                               "the customer's relationship with the incumbent"),
    ("cost cutting", "under competitive pressure the customer must cut costs and turns to a "
                     "supplier with a cost advantage"),
)

WAYS_TO_CREATE_OPPORTUNITIES = (
    "use tensions inside the customer to upset the current balance, so that our supporters "
    "gain and the rival's lose",
    "work at the grass roots: let the departments that use the product report the rival's "
    "quality or service problems until they reach middle and top management",
    "find a new market or a new product and create a new need, which resets every "
    "supplier's technical lead to zero",
)

REGRESSION_CAUSES = (
    ("a competitor wins the customer", "with a lower price, a better product, better service "
                                       "or even bribery"),
    ("needs not met", "our product or service no longer meets the customer's needs"),
    ("problems left unsolved", "complaints and problems not dealt with in time leave the "
                               "customer dissatisfied, and the relationship breaks"),
)


def strategy_table() -> pd.DataFrame:
    """The goal and the strategies of each development stage, in stage order."""
    rows = [(stage, goal, "\n".join(f"- {s}" for s in strategies))
            for stage, (goal, strategies) in STAGE_STRATEGIES.items()]
    return pd.DataFrame(rows, columns=["stage", "goal", "strategies"]).set_index("stage")


def opportunities_table() -> pd.DataFrame:
    """The eight opportunities of the initial-cooperation stage, numbered 1..8."""
    table = pd.DataFrame(EIGHT_OPPORTUNITIES, columns=["opportunity", "what it is"])
    table.index = pd.RangeIndex(1, len(table) + 1, name="#")
    return table


def strategy_markdown() -> str:
    """The stage strategies as Markdown, for ``IPython.display.Markdown`` in a notebook."""
    from crmlab.stages import STAGE_NAMES

    parts = []
    for stage, (goal, strategies) in STAGE_STRATEGIES.items():
        english, chinese, role = STAGE_NAMES[stage]
        parts.append(f"**{english.capitalize()}** ({chinese}) — {role}. *Goal: {goal}.*\n\n"
                     + "\n".join(f"- {s}" for s in strategies))
    return "\n\n".join(parts)


def stages_markdown() -> str:
    """The four stages with their Chinese names, the supplier's role and the share of wallet
    that defines them, as a Markdown table (seed 000 §3.2).

    >>> stages_markdown().splitlines()[3]
    '| initial cooperation | 初期合作 | secondary or candidate supplier | below 50 % |'
    """
    from crmlab.markdown import markdown_table
    from crmlab.stages import STAGE_NAMES

    shares = ("0 (no business yet)", "below 50 %", "50 % to 80 %", "80 % to 100 %")
    rows = [(english, chinese, role, share) for (english, chinese, role), share
            in zip(STAGE_NAMES.values(), shares, strict=True)]
    return markdown_table(pd.DataFrame(rows, columns=["stage", "中文", "the supplier is",
                                                      "share of wallet"]))


def opportunities_markdown() -> str:
    """The eight opportunities as a numbered Markdown table.

    >>> opportunities_markdown().splitlines()[2].split(" | ")[1]
    'new product launch'
    """
    from crmlab.markdown import markdown_table

    return markdown_table(opportunities_table().reset_index())


def ways_markdown() -> str:
    """The three ways to create an opportunity, as a numbered Markdown list.

    >>> ways_markdown().startswith("1. use tensions")
    True
    """
    return "\n".join(f"{i}. {way}" for i, way in enumerate(WAYS_TO_CREATE_OPPORTUNITIES, 1))


def regression_markdown() -> str:
    """The three causes of a relationship moving back, as a Markdown table.

    >>> len(regression_markdown().splitlines())
    5
    """
    from crmlab.markdown import markdown_table

    return markdown_table(pd.DataFrame(REGRESSION_CAUSES, columns=["cause", "what happens"]))
