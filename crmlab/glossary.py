"""The course's bilingual glossary (English ↔ Chinese), one entry per term per chapter.

>>> glossary_table(0).loc["customer relationship management", "中文"]
'客户关系管理'
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from crmlab.chapters import ready_chapters
from crmlab.errors import CRMDataError


class Term(NamedTuple):
    english: str
    chinese: str
    chapter: int
    meaning: str


TERMS: tuple[Term, ...] = (
    Term("customer relationship management", "客户关系管理", 0,
         "Managing the firm's customers as its key asset: a philosophy, a mechanism and software."),
    Term("operational CRM", "运营型CRM", 0,
         "The 'front office': automates and records sales, marketing and service work."),
    Term("analytical CRM", "分析型CRM", 0,
         "The 'back office': turns customer data into knowledge and forecasts."),
    Term("collaborative CRM", "协作型CRM", 0,
         "Connects the channels (call centre, web, staff) so firm and customer act together."),
    Term("customer retention", "客户保持", 0,
         "Keeping existing customers buying; the retention rate is the share kept per period."),
    Term("customer churn", "客户流失", 0,
         "Customers who stop buying; churn rate = lost customers / all customers."),
    Term("acquisition cost", "获客成本", 0,
         "What the firm spends to win one new customer (advertising, discounts, referral fees)."),
    Term("targeting", "选择目标", 0,
         "Stage 1 of managing a relationship: reaching prospects who are ready to buy."),
    Term("enquiry management", "询问管理", 0,
         "Stage 2: answering a prospect's questions, where expectations are formed."),
    Term("welcome", "欢迎", 0,
         "Stage 3: settling a new customer, naming their contact person."),
    Term("getting to know", "熟悉", 0,
         "Stage 4: learning the customer's needs so repeat and cross purchases follow."),
    Term("customer development", "客户发展", 0,
         "Stage 5: a stable relationship in which customers buy more and recommend the firm."),
    Term("managing problems", "处理问题", 0,
         "Stage 6: apologising, fixing and compensating before a problem ends the relationship."),
    Term("win-back", "赢回", 0,
         "Stage 7: regaining customers who left, easiest when they left for outside reasons."),
    Term("customer value", "客户价值", 0,
         "What a customer is worth to the firm, financially and otherwise."),
    Term("customer lifetime value", "客户终生价值", 0,
         "The average net present value of a new customer's profit over a set number of years."),
    Term("share of wallet", "采购份额", 0,
         "The supplier's share of what a customer spends in the category."),
    Term("self-check", "自测", 0,
         "A call check(id, answer) that says at once whether an exercise answer is right."),
    Term("customer relationship type", "客户关系类型", 1,
         "How intensively the firm stays in touch with a customer after the sale."),
    Term("basic relationship", "基本型", 1,
         "The firm sells and has no further contact with the customer."),
    Term("reactive relationship", "被动型", 1,
         "The firm sells and invites the customer to call with problems or comments."),
    Term("accountable relationship", "负责型", 1,
         "The firm calls soon after the sale to check the product met expectations."),
    Term("proactive relationship", "能动型", 1,
         "The firm keeps contacting the customer with suggestions and new products."),
    Term("partnership relationship", "伙伴型", 1,
         "The firm works continuously with the customer on its problems and success."),
    Term("Kotler's selection matrix", "科特勒客户关系选择矩阵", 1,
         "Number of customers x unit profit margin -> the relationship type to run."),
    Term("unit profit margin", "边际利润水平", 1,
         "Profit per unit sold as a fraction of its price."),
    Term("cost of serving", "服务成本", 1,
         "What keeping the relationship costs per customer: contacts x cost per contact."),
    Term("key account", "大客户", 1,
         "A customer so large that it gets a team and a relationship of its own."),
    Term("static view of relationships", "静态客户关系", 1,
         "The relationship type as a snapshot: which type fits now."),
    Term("dynamic view of relationships", "动态客户关系", 1,
         "How a relationship moves through stages over time (chapter 2)."),
    Term("share of wallet", "采购份额", 2,
         "Our sales to a customer / the customer's total purchases in the category."),
    Term("development stage", "开发阶段", 2,
         "No business yet (share 0): the firm waits for an entry point."),
    Term("initial cooperation", "初期合作", 2,
         "A secondary or candidate supplier with a share below 50 %."),
    Term("stable cooperation", "稳定合作", 2,
         "The main supplier, with 50-80 % of the customer's purchases."),
    Term("strategic cooperation", "战略合作", 2,
         "The strategic supplier, with 80-100 % of the customer's purchases."),
    Term("entry point", "切入点", 2,
         "An event that opens a customer to a new supplier: a new product, a review, a problem."),
    Term("switching cost", "转换成本", 2,
         "The one-off cost a customer bears to change supplier (retraining, new spare parts)."),
    Term("price sensitivity", "价格敏感性", 2,
         "How strongly a customer reacts to price; it falls as switching costs rise."),
    Term("purchase risk", "采购风险", 2,
         "What a customer fears from a new supplier: price, quality, delivery, service."),
    Term("bilateral lock-in", "双边锁定", 2,
         "Capital ties and shared profits that bind both firms in a strategic partnership."),
    Term("stage migration", "阶段迁移", 2,
         "How many accounts moved up, stayed or fell back between two years."),
    Term("customer lifecycle", "客户生命周期", 2,
         "The course of a relationship from its start to its end, in four phases."),
    Term("exploration phase", "考察期", 2,
         "The relationship is being tried out; few purchases yet."),
    Term("formation phase", "形成期", 2,
         "The relationship grows fast."),
    Term("stability phase", "稳定期", 2,
         "The mature, ideal phase: purchases high and steady."),
    Term("decline phase", "退化期", 2,
         "The relationship reverses: purchases fall."),
    Term("customer tiering", "客户分级", 4,
         "Sorting customers by the value they bring, to serve each tier differently."),
    Term("financial value", "财务价值", 4,
         "Transaction revenue minus the cost of serving, communicating, marketing, producing."),
    Term("non-financial value", "非财务价值", 4,
         "Word of mouth, information, reference and scale a customer brings."),
    Term("customer delivered value", "顾客让渡价值", 4,
         "Total customer value minus total customer cost, as the customer sees it."),
    Term("Pareto principle", "80/20法则", 4,
         "About 80 % of profit comes from about 20 % of customers."),
    Term("Lorenz curve", "洛伦兹曲线", 4,
         "Cumulative share of value against cumulative share of customers, smallest first."),
    Term("Gini coefficient", "基尼系数", 4,
         "Inequality of value across customers: 0 equal, near 1 one customer has it all."),
    Term("ABC analysis", "ABC分析法", 4,
         "A: top 20 % of customers, B: next 70 %, C: last 10 % (or cut by value shares)."),
    Term("customer pyramid", "客户金字塔", 4,
         "Top 1 %, major 19 %, ordinary 30 %, small 50 % of customers by value."),
    Term("key account management", "关键客户管理", 4,
         "Account managers, concentrated resources and a VIP channel for the top tier."),
    Term("customer value matrix", "客户价值矩阵", 4,
         "Purchase frequency x average purchase: best, spenders, frequent, uncertain."),
    Term("RFM", "RFM分析", 4,
         "Recency, frequency and monetary value of a customer's purchases, scored 1-5."),
    Term("customer lifetime value", "客户终生价值", 4,
         "Expected discounted profit of a customer over a horizon."),
    Term("retention rate", "客户保持率", 4,
         "The share of customers who stay from one period to the next."),
    Term("BG/NBD model", "BG/NBD模型", 4,
         "A model of repeat buying: Poisson purchases while alive, drop-out after a purchase."),
    Term("P(alive)", "存活概率", 4,
         "The probability that a customer is still active, given their purchase history."),
    Term("Gamma-Gamma model", "Gamma-Gamma模型", 4,
         "A model of spend per purchase that shrinks each customer's average to the mean."),
)


def glossary_table(chapter: int | None = None) -> pd.DataFrame:
    """The glossary (of one chapter, or all) as a table indexed by the English term."""
    rows = [t for t in TERMS if chapter is None or t.chapter == chapter]
    if not rows:
        raise CRMDataError(f"no glossary terms for chapter {chapter!r}",
                           fix=f"use one of {[c.number for c in ready_chapters()]} or None for all")
    table = pd.DataFrame(rows, columns=["term", "中文", "chapter", "meaning"])
    return table.set_index("term").drop(columns="chapter" if chapter is not None else [])
