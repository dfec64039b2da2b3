"""Source for /work/v5/C/jobs.json (part C)."""
import json, os

def req(*lines):
    return "\n".join("- " + l for l in lines)

JOBS = [
{
 "key": "process-engineer",
 "title": "Process Engineer (Injection Moulding & Thermoforming)",
 "description": (
  "Corrib Polymer Packaging Ltd makes rigid plastic food packaging - thermoformed trays, injection-moulded pots and lids, "
  "and PET punnets - for dairy, meat and fresh-produce brands across Ireland and the UK. Our Galway site runs 24/5 with "
  "31 injection moulding machines (Engel, Arburg), six inline thermoforming lines and in-mould labelling cells.\n\n"
  "We are hiring a Process Engineer to own the process performance of the moulding hall. You will set and document robust "
  "process windows, lead mould trials for new tools, and drive down scrap, cycle time and changeover time. When a line "
  "drifts you will lead the technical investigation, working with the Quality Engineer on root cause and corrective "
  "actions and with the Production Planner so that trial time and changeovers fit the weekly schedule. You will also "
  "support the tool room, coach setters and technicians on scientific moulding practice, and bring data to the daily "
  "production meeting.\n\n"
  "What the role involves:\n"
  "- Establishing and validating process parameters (DOE, viscosity curves, gate freeze studies) for new and transferred tools\n"
  "- Leading scrap-reduction and OEE projects using Lean and Six Sigma methods\n"
  "- Writing set-up sheets, process FMEAs and work instructions\n"
  "- Supporting NPI from first-off samples to PPAP-style customer approval\n"
  "- Specifying and commissioning ancillary equipment (robots, chillers, dryers, vision)\n\n"
  "This is a site-based role reporting to the Engineering Manager, with occasional travel to our Carlow plant. We offer a "
  "competitive salary, 8% pension contribution, health insurance, a shift-free pattern and funded Green or Black Belt training."
 ),
 "requirements": req(
  "Degree in polymer, mechanical, manufacturing or chemical engineering (or equivalent experience)",
  "3+ years as a process engineer in injection moulding, thermoforming or extrusion",
  "Hands-on scientific/decoupled moulding and design of experiments",
  "Structured problem solving: 8D, 5 Whys, Ishikawa, process FMEA",
  "Working knowledge of SPC and process capability (Cpk); Minitab an advantage",
  "Lean Six Sigma Green Belt or willingness to complete it",
  "Experience in food-contact or medical packaging is a plus",
 ),
 "skills": [
  {"name": "Injection moulding / thermoforming process optimisation", "weight": 3.0},
  {"name": "Scientific moulding and design of experiments (DOE)", "weight": 2.5},
  {"name": "Root cause analysis (8D, 5 Whys, FMEA)", "weight": 2.0},
  {"name": "Mould trials and new product introduction", "weight": 2.0},
  {"name": "Lean / Six Sigma continuous improvement", "weight": 2.0},
  {"name": "Scrap, cycle time and OEE reduction", "weight": 1.5},
  {"name": "SPC and process capability", "weight": 1.5},
  {"name": "Minitab / data analysis", "weight": 1.0},
  {"name": "Robotics and ancillary equipment", "weight": 0.8},
 ],
},
{
 "key": "quality-engineer",
 "title": "Quality Engineer",
 "description": (
  "Corrib Polymer Packaging Ltd (Galway, Ireland) produces rigid plastic packaging for food and dairy brands, supplying "
  "more than 400 million trays, pots and lids a year. Because our products touch food, quality and hygiene are at the "
  "centre of everything we do. We hold BRCGS Packaging Materials (Grade AA) and ISO 9001:2015 certification.\n\n"
  "We are looking for a Quality Engineer to join a team of five in the Quality department. You will own customer "
  "complaints from first contact to closure, lead 8D investigations with the Process Engineers and production teams, and "
  "make sure corrective actions actually stick. You will run our internal audit schedule, host customer and "
  "certification audits, and audit key resin, masterbatch and label suppliers. You will maintain control plans, "
  "inspection standards and the HACCP-based hazard analysis for the site, and you will look after food-contact "
  "compliance (EU 10/2011 declarations of compliance and migration testing). On new products you will write the "
  "inspection plan and sign off first-article samples, and you will agree with the Production Planner how quarantined "
  "stock and re-inspection affect customer orders.\n\n"
  "The role suits someone who is calm in front of a customer, precise with documents and happy on the factory floor. "
  "Reporting to the Quality Manager; days, Monday to Friday. Salary, pension, health insurance and a study budget for "
  "lead auditor or CQE qualifications."
 ),
 "requirements": req(
  "Degree in engineering, science or food science, or equivalent quality experience",
  "3+ years in a quality role in packaging, plastics, food or another regulated manufacturing sector",
  "Working knowledge of ISO 9001 and BRCGS (Packaging or Food); internal auditor training",
  "Experience running CAPA / 8D and customer complaint investigations",
  "Understanding of HACCP and food-contact materials legislation",
  "Comfortable with SPC, measurement system analysis (Gauge R&R) and inspection methods",
  "Clear written English for audit reports and customer responses",
 ),
 "skills": [
  {"name": "Quality management systems (ISO 9001, BRCGS)", "weight": 3.0},
  {"name": "Internal, supplier and customer audits", "weight": 2.5},
  {"name": "CAPA / 8D root cause investigation", "weight": 2.5},
  {"name": "Customer complaint handling", "weight": 2.0},
  {"name": "HACCP and food-contact compliance", "weight": 2.0},
  {"name": "SPC and measurement system analysis", "weight": 1.5},
  {"name": "Control plans and inspection standards", "weight": 1.5},
  {"name": "Document control", "weight": 1.0},
 ],
},
{
 "key": "production-planner",
 "title": "Production Planner",
 "description": (
  "Hallworth Foods is a family-owned chilled food manufacturer in Leicester, UK, making ready meals, soups and sauces for "
  "three major UK supermarkets. With 650 colleagues and 14 production lines, we turn around most orders within 48 hours, "
  "so good planning is what keeps the whole site working.\n\n"
  "As Production Planner you will build and own the daily and weekly production plan for our ready-meal lines. You will "
  "take the customer forecast and late order changes, run the MRP in SAP, and turn them into a schedule that balances "
  "line capacity, labour, short-life raw materials and allergen changeover rules. You will work closely with the "
  "Production Managers on the shop floor, with the Process and Quality teams when trials, deep cleans or held stock "
  "affect the plan, and with Purchasing so ingredients and packaging arrive on time. When things change - and they do - "
  "you will re-plan quickly and tell everyone what has changed.\n\n"
  "Key responsibilities:\n"
  "- Producing the daily line schedule and weekly capacity plan\n"
  "- Running MRP and raising planned orders; checking material availability\n"
  "- Managing finished-goods stock cover and minimising waste from over-production\n"
  "- Reporting plan adherence, service level and waste KPIs\n"
  "- Taking part in the weekly S&OP meeting\n\n"
  "Monday to Friday, with a rota for Saturday morning cover. Competitive salary, annual bonus, pension and staff shop."
 ),
 "requirements": req(
  "2+ years in production planning or scheduling in a fast-moving manufacturing environment (food, FMCG, packaging)",
  "Experience with an ERP/MRP system, ideally SAP PP",
  "Strong Excel skills (lookups, pivot tables; macros a plus)",
  "Understanding of capacity planning, inventory and lead times",
  "Able to stay calm and re-plan under pressure; clear communicator with production teams",
  "APICS/CPIM or similar is welcome but not required",
 ),
 "skills": [
  {"name": "Production scheduling", "weight": 3.0},
  {"name": "MRP / ERP (SAP PP)", "weight": 2.5},
  {"name": "Capacity planning", "weight": 2.0},
  {"name": "Inventory and material planning", "weight": 2.0},
  {"name": "Advanced Excel", "weight": 1.5},
  {"name": "S&OP and demand forecasting", "weight": 1.5},
  {"name": "Communication with production and purchasing", "weight": 1.5},
  {"name": "Plan adherence and waste KPIs", "weight": 1.0},
 ],
},
{
 "key": "store-manager",
 "title": "Store Manager - Bourke Street Flagship",
 "description": (
  "Harbour & Finch is an Australian fashion chain with 74 stores selling women's, men's and kids' clothing and "
  "accessories. Our Bourke Street flagship in Melbourne is one of our biggest stores: three floors, 2,400 square metres, "
  "a team of 65 and annual sales above $19 million.\n\n"
  "We are looking for a Store Manager to lead it. You will own the store's sales and profit, hitting budget through "
  "great service, full size availability and a motivated team. You will recruit, roster and develop your leadership "
  "team of department managers and supervisors, and coach everyone on the floor to lift conversion, average "
  "transaction value and units per transaction. You will control wages, shrinkage and store costs, keep stockrooms and "
  "deliveries running smoothly, and make sure the store meets work health and safety and compliance standards.\n\n"
  "You will work with our regional Visual Merchandiser to land each floor set and window change on time, and you will "
  "feed back to the Buying team at head office on what customers are asking for and how new ranges are selling. "
  "Weekly trading calls with your Area Manager will be about your numbers and your plan to grow them.\n\n"
  "We offer a competitive base salary plus quarterly bonus, 40% staff discount, a leadership development program and "
  "real career paths into area management and head office."
 ),
 "requirements": req(
  "3+ years as a Store Manager or Assistant Store Manager in fashion or high-volume retail",
  "Proven record of growing sales and managing a store P&L, wages and shrinkage",
  "Experience recruiting, rostering and coaching teams of 30+",
  "Confident reading KPIs (conversion, ATV, UPT, sell-through) and acting on them",
  "Good understanding of visual standards and commercial floor layout",
  "Knowledge of WHS obligations and retail award/rostering rules",
  "Available for weekends and late-night trading",
 ),
 "skills": [
  {"name": "Store P&L and sales performance", "weight": 3.0},
  {"name": "Team leadership, recruitment and rostering", "weight": 2.5},
  {"name": "Coaching and people development", "weight": 2.0},
  {"name": "Retail KPIs (conversion, ATV, UPT)", "weight": 2.0},
  {"name": "Customer experience", "weight": 2.0},
  {"name": "Stock control and shrinkage", "weight": 1.5},
  {"name": "Wage and cost control", "weight": 1.5},
  {"name": "Visual standards", "weight": 1.0},
  {"name": "WHS and compliance", "weight": 1.0},
 ],
},
{
 "key": "visual-merchandiser",
 "title": "Visual Merchandiser - Victoria Region",
 "description": (
  "Harbour & Finch is an Australian fashion retailer with 74 stores. Our visual team turns each new collection into "
  "windows and floors that make people stop, come in and buy.\n\n"
  "We are looking for a Visual Merchandiser for our Victoria region, based at the Bourke Street flagship in Melbourne "
  "and looking after 11 stores. You will take the head office visual guidelines for every launch and make them work in "
  "each store: planning floor layouts, dressing windows and mannequins, building focal walls and making sure key "
  "stories sit in the best spots. You will read sales and sell-through reports each week and move product to where it "
  "sells, working with Store Managers to plan the floor changes around trade and their teams. You will also feed back "
  "to the Buying and Visual teams at head office on how ranges look and perform in store, with photo reports after each "
  "launch.\n\n"
  "Day to day you will:\n"
  "- Install windows, mannequins and in-store campaigns on time for each launch\n"
  "- Produce floor plans and merchandising directions for each store\n"
  "- Train store teams and VM champions so standards hold between visits\n"
  "- Manage props, fixtures and the regional VM budget\n"
  "- Keep an eye on competitors and trends\n\n"
  "The role involves regular travel around Melbourne and regional Victoria (car allowance provided), some early "
  "starts and occasional overnight floor sets. You'll get a creative team, 40% staff discount and a clear path to "
  "Senior VM."
 ),
 "requirements": req(
  "2+ years' visual merchandising experience in fashion retail",
  "A strong eye for colour, balance and product storytelling, shown in a portfolio",
  "Able to read sales reports and merchandise commercially, not only beautifully",
  "Experience producing floor plans or planograms; SketchUp, Illustrator or InDesign a plus",
  "Confident training and influencing store teams",
  "Full driver's licence; able to lift and work at heights (ladder training provided)",
 ),
 "skills": [
  {"name": "Visual merchandising and window display", "weight": 3.0},
  {"name": "Floor plans and layout", "weight": 2.5},
  {"name": "Commercial merchandising from sales data", "weight": 2.0},
  {"name": "Mannequin styling", "weight": 1.5},
  {"name": "Training store teams on visual standards", "weight": 1.5},
  {"name": "Trend and competitor awareness", "weight": 1.0},
  {"name": "Design software (SketchUp, Illustrator, InDesign)", "weight": 1.0},
  {"name": "Props, fixtures and VM budget", "weight": 0.8},
 ],
},
{
 "key": "retail-buyer",
 "title": "Buyer - Womenswear Knitwear & Jersey",
 "description": (
  "Harbour & Finch is an Australian fashion chain with 74 stores and a growing online business. Our head office "
  "buying team in Richmond, Melbourne develops and buys every range we sell.\n\n"
  "We are looking for a Buyer to lead Womenswear Knitwear & Jersey, a category worth $28 million a year. You will plan "
  "and build seasonal ranges that fit our customer and our numbers: reviewing what sold, spotting trends, working with "
  "our in-house designers on new styles and choosing what goes into the range. You will negotiate cost price, minimums "
  "and delivery with suppliers in China, India and Bangladesh, manage the critical path from sample to delivery, and "
  "work with your Merchandiser on open-to-buy, depth of buy and markdowns to hit margin and sell-through targets.\n\n"
  "You will lead an Assistant Buyer and a Buying Admin Assistant. You will brief the Visual Merchandising team on key "
  "stories for each launch, and listen to Store Managers, who see your range on the shop floor every day. Weekly trade "
  "meetings will look at sales, stock and margin by style.\n\n"
  "This is a head office role, Monday to Friday, with two or three overseas sourcing trips a year. We offer a "
  "competitive salary plus bonus, hybrid working (three days in the office), 40% staff discount and the chance to "
  "shape a key category."
 ),
 "requirements": req(
  "3+ years in a fashion buying team, with at least 1 year as Buyer or senior Assistant Buyer",
  "Track record of building ranges that meet sales and margin targets",
  "Confident negotiating with overseas suppliers on cost, minimums and lead times",
  "Strong numbers: open-to-buy, intake margin, sell-through and markdown analysis",
  "Good understanding of knit and jersey fabrics and garment construction",
  "Advanced Excel; experience with a merchandise planning or PLM system",
  "Able to travel overseas",
 ),
 "skills": [
  {"name": "Range planning and product selection", "weight": 3.0},
  {"name": "Supplier negotiation", "weight": 2.5},
  {"name": "Open-to-buy and margin management", "weight": 2.5},
  {"name": "Sales and trend analysis", "weight": 2.0},
  {"name": "Critical path and sourcing", "weight": 1.5},
  {"name": "Advanced Excel / planning systems", "weight": 1.5},
  {"name": "Fabric and garment construction", "weight": 1.0},
  {"name": "Team leadership", "weight": 1.0},
 ],
},
]

if __name__ == "__main__":
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "jobs.json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump(JOBS, f, indent=2, ensure_ascii=False)
    for j in JOBS:
        print(j["key"], len(j["description"].split()), "words,", len(j["skills"]), "skills")
