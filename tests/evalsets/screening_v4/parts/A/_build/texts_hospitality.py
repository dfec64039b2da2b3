# ruff: noqa: E501
"""CV texts, hospitality family. Same markup as texts_lending.py."""

TEXTS = {}

TEXTS["Isabella_Costa_CV"] = """Isabella Costa
Lisbon, Portugal | isabella.costa@mail.example | +351 21 555 0129

# Professional summary
Front Office Manager with eight years in four- and five-star city hotels. I lead reception, concierge, night audit and reservations teams, and I care about two things: guests who feel recognised from the first minute, and a front desk that makes money through upselling and tight inventory control. Fluent in Portuguese, English and Spanish; good French.

# Experience
Front Office Manager - Hotel Miradouro (168 rooms, 4*), Lisbon - 2022 to present
- Lead a team of 21: receptionists, concierges, night auditors and reservations agents
- Rotas, recruitment, onboarding and a training plan for every new starter
- Work with the Revenue Manager on overbooking levels, rate loading and OTA channel parity (SiteMinder)
- Upselling programme at check-in: EUR 148k extra room revenue in 2024
- Daily review of occupancy, ADR and RevPAR; morning meeting with housekeeping on room status
- Guest satisfaction (ReviewPro GSS) from 84.1 to 89.6 in two years; answer all TripAdvisor and Booking.com reviews
- Oversee night audit, cashiering, city ledger handover and PCI card procedures; part of duty manager rota

Assistant Front Office Manager - Lumen Palace Hotel, Porto - 2019 to 2022
- Supervised shifts of 6-8; VIP arrivals and group check-ins; Opera PMS super-user

Receptionist / Night Auditor - Lumen Palace Hotel - 2016 to 2019

# Education
Degree in Hotel Management, Escola Superior de Hotelaria e Turismo do Estoril, 2016

# Skills
Front office operations, Opera PMS (V5 and Cloud), SiteMinder, guest relations, revenue management, night audit, team scheduling and training, complaint handling, online reputation management
"""

TEXTS["wei_chen_cv"] = """Wei Chen
Auckland, New Zealand
wei.chen@inbox.example
+64 9 555 0177

I have been working at the welcome desk of a busy harbour-side hotel for three years and last year they made me the person in charge of the desk on my shifts. I would like to take the next step and run the whole desk team.

WHAT I DO NOW - Shift Leader, Reception, Waitemata Harbour Hotel (120 rooms), 2022 - now
- I welcome guests when they arrive, give out keys, explain the hotel and say goodbye when they leave
- I decide which guest gets which room, who gets a better room for free, and offer a bigger room or breakfast for extra money when it makes sense
- When we sold more rooms than we have, I find other hotels for the guests and make it right for them
- I plan who works which shift on the desk for my team of five, and I teach new staff how to use our booking computer
- I check the money and card payments at the end of the shift and hand over to the night person
- I talk to the cleaning team all day to know which rooms are ready
- When a guest is upset I listen, say sorry, and fix it - a free dinner, a late checkout, whatever is fair
- I reply to some of the online comments from guests

BEFORE
Waiter, Golden Lotus Restaurant, Auckland, 2020 - 2022
Student job in a hostel in Shanghai, 2018 - 2019

STUDY
Diploma in Hospitality Management, AUT, Auckland, 2021
Languages: Mandarin, English, some Cantonese
"""

TEXTS["Aoife_Byrne_CV"] = """Aoife Byrne
Limerick, Ireland | aoife.byrne@mail.example | +353 61 555 0144

# Profile
Front Office Manager at a 190-room conference hotel, after five years as the hotel's Conference and Events Coordinator. I know groups, delegates, rooming lists, venue contracts and banqueting event orders inside out, and I use that to run a front office that copes with 400 delegates arriving at once. My goal is to continue in front office leadership and move toward Rooms Division Manager.

# Experience
Front Office Manager - Shannonside Conference Hotel, Limerick - Feb 2023 to present
- Lead reception, concierge, night audit and reservations (team of 16): rotas, training, daily briefings
- Own arrivals and departures for conference groups: rooming lists from event organisers loaded in Opera, pre-keyed delegate packs, express check-in desks on event days
- Room inventory and overbooking with the Revenue Manager; group block pick-up and release dates
- Guest complaints and service recovery; respond to online reviews
- Night audit, cashiering and group master account billing

Conference and Events Coordinator - Shannonside Conference Hotel - 2018 to 2023
- Coordinated conferences, weddings and gala dinners for 20 to 600 guests
- Site visits with clients, venue contracts, function sheets (BEOs), room set-ups, AV and supplier bookings
- Event budgets, run-of-show timelines, delegate registration and on-the-day event management
- Handled group room blocks and rooming lists with reservations - my first taste of the front office

Receptionist - Castletroy Park Hotel - 2016 to 2018

# Education
BA International Hotel Management, Shannon College of Hotel Management, 2016

# Skills
Group and conference business, rooming lists, BEOs and function sheets, event planning, venue contracts, supplier management, delegate management, Opera PMS, team training
"""

TEXTS["Jonas_Bergmann_CV"] = """Jonas Bergmann
Hamburg, Germany | jonas.bergmann@mail.example | +49 40 555 0150

# Summary
Senior Front Office Manager with 14 years in international luxury hotels in Germany, Switzerland and Dubai. Responsible for guest journeys in properties of up to 420 rooms, teams of up to 45, and room revenue strategy with the revenue team.

# Professional experience
Front Office Manager - Alsterblick Grand Hotel (5*, 420 rooms), Hamburg - 09/2019 - today
- Lead reception, concierge, guest relations, night audit, reservations and telephone (45 staff)
- Pre-opening of the new Executive Lounge; standards for VIP and repeat guest recognition
- Room revenue: overbooking policy, upsell incentive, inventory and rate control with Revenue Manager; RevPAR index 112 vs competitive set
- Opera PMS to Opera Cloud migration project lead (2023)
- Forbes Travel Guide and LQA audits: front office scores 93%+
- Budget for front office labour; scheduling with Fourth HotSchedules

Assistant Front Office Manager - Seepark Hotel, Zurich - 2015 - 2019
Guest Relations Manager - Jumeirah property, Dubai - 2012 - 2015
Front Desk Agent / Night Auditor - Hotel Elbchaussee, Hamburg - 2010 - 2012

# Education
Hotelfachmann (IHK) apprenticeship, Hamburg, 2010
Bachelor in International Hospitality Management, EHL Lausanne (part-time), 2017

# Skills
- Front office operations, guest relations, complaint handling
- Opera PMS / Opera Cloud, Protel, SiteMinder, ReviewPro
- Revenue management, upselling, night audit
- Team leadership, training, scheduling
- Languages: German, English, French, some Arabic
"""

TEXTS["Luz_Herrera_CV"] = """Luz Herrera
Cancun, Mexico  ->  Madrid, Spain
luz.herrera@mail.example | +34 555 0196 011

Who I am
I am the person who runs the welcome area of a big beach hotel: the people at the desk, the night team, the ones who take the bookings and the ones who help guests with tours and taxis. I have 9 years in hotels and the last 3 in charge. I move to Madrid in 2026 and look for a similar job in a city hotel.

Experience
Head of Guest Arrival and Reception, Hotel Arena Blanca Resort (310 rooms), Cancun — 2022 - now
• I lead 24 people in three shifts. I make the monthly schedule, interview and train new people, and do a short meeting every morning
• I make sure arrivals and departures run smooth, even with 200 guests arriving from the airport at same time
• Together with the person who sets the room prices, I decide how many extra bookings we accept and which room types to push
• My team offer room upgrades and extras at arrival; this brings good money every month
• I check the night closing of accounts and the card payments
• I answer bad comments on internet and I call guests back personally when something went wrong
• Every day I coordinate with cleaning and maintenance so rooms are ready on time

Desk supervisor, same hotel — 2019 - 2022
Desk agent, Hotel Caribe Azul, Playa del Carmen — 2016 - 2019

Studies
Licenciatura en Turismo, Universidad del Caribe, 2016
Languages: Spanish native, English fluent, Italian basic
"""

TEXTS["nikhil_desai_cv"] = """NIKHIL DESAI
Edinburgh, Scotland
nikhil.desai@post.example | 07700 900 176

CURRENT: FRONT OFFICE MANAGER, THE CALTON HOTEL (210 ROOMS, 4*) - SINCE 2023
BACKGROUND: 9 YEARS RESTAURANT MANAGEMENT

PROFILE
I came to the front desk from the restaurant floor. For nine years I ran restaurants - covers, P&L, labour cost, GP, stock, rotas, HACCP, licensing - and in 2023 I moved into rooms as Front Office Manager. The hotel wanted someone who could run a team hard during a rush and still make each guest feel looked after. I want to build my career in front office and rooms division.

FRONT OFFICE MANAGER - The Calton Hotel, Edinburgh (2023 - present)
- Lead reception, concierge, night audit and reservations: 19 staff, rotas, training, briefings
- Arrivals, departures, room allocation, VIP and repeat guests; upselling at check-in (GBP 9k a month)
- Work with revenue on overbooking and inventory during the Festival, when we run at 99% occupancy for four weeks
- Own guest reviews and satisfaction scores; service recovery for complaints
- Control front office labour cost the way I used to in restaurants: labour % reviewed weekly against occupancy
- Night audit and cashiering sign-off

RESTAURANT GENERAL MANAGER - Hearth & Grain, Edinburgh (2019 - 2023)
- 120-cover restaurant, GBP 2.1m turnover, team of 30
- Full P&L, food cost 28%, labour 31%, GP targets, stock control and weekly inventory
- Menu costing with the head chef; HACCP, allergen training, 5-star hygiene rating; DPS on the premises licence
- Recruitment and training of front and back of house

ASSISTANT RESTAURANT MANAGER - Various, Glasgow and Edinburgh (2014 - 2019)

EDUCATION
BA (Hons) Hospitality Management, Edinburgh Napier University, 2014
Personal Licence (Scotland), Food Hygiene Level 3
"""

TEXTS["charlotte_abbott_cv"] = """Charlotte Abbott
Manchester | charlotte.abbott@mail.example | 07700 900 103
linkedin.example/in/charlotte-abbott

EVENT COORDINATOR - 2 years agency experience

SKILLS
Event planning | venue sourcing | supplier management | event budgets | Cvent | Eventbrite | run of show | delegate registration | on-site management | client communication

EXPERIENCE
Event Coordinator, Northern Quarter Events, Manchester - Sept 2023 - present
* Coordinate 2-3 events at a time for corporate clients: conferences (up to 350 delegates), product launches, awards dinners
* Venue sourcing and site visits; contracts reviewed with my Event Manager
* Book and brief suppliers: catering, AV, staging, photographers, coaches
* Build budgets in Excel and track spend; reconcile invoices after each event
* Registration sites and delegate lists in Cvent and Eventbrite; joining instructions and badges
* Run of show and production schedules; on-site lead for smaller events, load-in to load-out
* Post-event reports with feedback survey results

Events Assistant (internship), Manchester Central Convention Complex - Jun 2022 - Aug 2023
* Supported the event planning team on exhibitions and association conferences
* Floor plans, exhibitor manuals, stewarding on show days

EDUCATION
BA (Hons) Events Management, Manchester Metropolitan University, 2023 (First)

OTHER
Full UK driving licence. Happy to work evenings and weekends.
"""

TEXTS["Dmitri_Belov_CV"] = """Dmitri Belov
Tallinn, Estonia | dmitri.belov@mail.example | +372 555 0108

# About
I make gatherings happen. For five years I have organised company meetings, product presentations, parties and staff trips, from the first phone call with the client until the last bill is paid. I enjoy the day itself most, when all the planning meets reality and I solve the surprises before guests notice them.

# Work
Project organiser, Baltic Gatherings OÜ, Tallinn - 2020 to now
- I meet the client, understand what they want and how much they can spend, then write a plan
- I look for the right place: I visit halls, hotels and old manors, compare prices and agree the terms
- I book the food, the sound and lights, the photographer, the music and the buses, and I keep every promise in writing
- I keep a spreadsheet of all costs and tell the client early if something will cost more
- I make the minute-by-minute plan for the day and share it with everybody who works on it
- I manage the guest list and the sign-up page, and send guests the information they need
- On the day I arrive first: I check that everything is set up, tell each team what to do and keep the programme on time
- After, I collect the bills, compare with the plan and ask guests what they thought
- Usually 30 to 500 guests; three or four projects at the same time; sometimes in Riga or Helsinki

Assistant in the same company - 2018 to 2020

# Education
Bachelor in Tourism and Hospitality, Tallinn University, 2018

# Languages
Russian, Estonian, English, some Finnish
"""

TEXTS["Megan_Foley_CV"] = """Megan Foley
Newcastle upon Tyne | megan.foley@mail.example | 07700 900 131

# Summary
Event Coordinator at a city-centre venue, with six years of hotel front office behind me (receptionist, reservations agent, front desk supervisor). I know Opera, room blocks, guest relations, arrivals and complaint handling, and I bring that guest-first attitude to events. What I own now is events: planning, suppliers, budgets and running the day. I want to keep building my career as an event coordinator.

# Experience
Event Coordinator - Tyne Quayside Venue (conferences and private events), 2023 - present
- Plan and coordinate 60+ events a year: conferences, charity dinners, weddings and product launches, 40 to 450 guests
- Take the client brief, prepare proposals and event budgets, agree contracts
- Book and manage suppliers: AV, florists, entertainment, photographers, transport
- Room and accommodation blocks for delegates at partner hotels - using my old reservations know-how
- Write run-of-show and event sheets; brief catering and crew; run events on site from load-in to load-out
- Post-event reconciliation and client feedback reports

Front Desk Supervisor - The Grey Street Hotel, Newcastle - 2020 - 2023
- Supervised reception shifts, check-in and check-out, room allocation and upselling in Opera PMS
- Guest relations and service recovery; night audit cover; training new receptionists

Reservations Agent, then Receptionist - Jesmond Park Hotel - 2017 - 2020
- Group and individual reservations, rate loading, OTA bookings

# Education
BA (Hons) Tourism and Hospitality, Northumbria University, 2017

# Skills
Opera PMS, reservations and room blocks, check-in and check-out, upselling, guest relations, complaint handling, customer service, event planning, supplier management
"""

TEXTS["Sofia_Eriksen_CV"] = """SOFIA ERIKSEN
Copenhagen, Denmark | sofia.eriksen@mail.example | +45 555 0121

PROFILE
Event Coordinator with four years' experience in conferences and corporate events for pharma and tech clients across the Nordics. Strong on budgets, suppliers and on-site delivery; calm when the keynote speaker's flight is cancelled.

EXPERIENCE
Event Coordinator - Øresund Meetings & Events, Copenhagen - 2022 to present
- Coordinate conferences, product launches, kick-offs and incentive trips: 80 to 1,200 participants
- Venue sourcing across Denmark, Sweden and Norway; RFPs, site inspections, contract negotiation
- Supplier management: catering, AV, staging, interpreters, transport and entertainment
- Budgets of DKK 300k to 4m; forecast and reconciliation
- Delegate registration and housing in Cvent; attendee communication
- Run of show, production schedules, crew and speaker briefings; on-site management
- Post-event reports and ROI summaries for clients

Junior Event Coordinator - Nordlys Agency, Aarhus - 2020 to 2022
- Supported team on association congresses; registration desk, speaker liaison, logistics

EDUCATION
Cand.merc. (MSc) in Marketing, Copenhagen Business School, 2020
CMP (Certified Meeting Professional) - 2024

SKILLS
Event planning, venue sourcing, supplier management, event budgeting, on-site event management, Cvent, Eventbrite, run of show, delegate registration, contract negotiation, client communication

Languages: Danish, English, Swedish, German (basic)
"""

TEXTS["thandiwe_dlamini_cv"] = """thandiwe dlamini
Johannesburg, South Africa
thandiwe.dlamini@mail.example  //  +27 11 555 0143

about me
18 months organising company get-togethers at a small planning business. I like lists, phone calls and making people happy on the day.

work
helper then organiser - Jozi Occasions (small business, 4 staff) - Jan 2024 to now
  - company year-end parties, staff days, a book launch, two small meetings for a bank
  - phone around to find halls and restaurants that are free on the date and fit the money the client has
  - get quotes from food people, DJs, tent hire and drivers, and book them
  - keep a list of everything we are spending and check it with my boss every week
  - make the list of who is coming and send them the details
  - write down what happens at what time on the day and send it to everyone
  - on the day: set up early, welcome guests, sort out problems (once the food truck went to the wrong venue!)
  - help pay the bills after and ask the client how it went

waitress / bar - Melville Social, 2021 to 2023 (weekends, while studying)

study
Diploma in Tourism Management, University of Johannesburg, 2023
"""

TEXTS["Patrick_Carmody_CV"] = """Patrick Carmody
Dublin | patrick.carmody@mail.example | +353 1 555 0187

# Profile
Event Coordinator since 2024, after twelve years in restaurants, the last six as Restaurant General Manager. I know covers, P&L, food and labour cost, rotas, HACCP, stock and licensing - and I know what a kitchen needs from a planner. I changed careers because the private dining and events side of the restaurant was the part I loved. My aim is to grow as an event coordinator and later an event manager.

# Experience
Event Coordinator - Liffey Live Events, Dublin - Mar 2024 to present
- Coordinate corporate dinners, product launches and conferences for 40 to 600 guests, usually three at once
- Venue sourcing and site visits; supplier contracts with caterers, AV, florists and transport
- Event budgets and cost tracking; menus and catering costed the way I used to cost dishes
- Guest lists and registration in Eventbrite; running orders; on-site lead from load-in to load-out
- Post-event reports and supplier reviews

Restaurant General Manager - The Copper Still, Dublin 2 - 2018 to 2024
- 140 covers plus a 60-seat private dining room; team of 38; EUR 3.2m turnover
- Owned the P&L: food cost 29%, labour 32%, GP and stock control; weekly figures with the owners
- Rotas, recruitment, training; HACCP and allergen compliance; licence holder
- Built the private dining and events business from EUR 150k to EUR 600k a year

Assistant Manager / Supervisor - various Dublin restaurants - 2012 to 2018

# Education
Higher Certificate in Culinary Arts and Hospitality, TU Dublin, 2012
Event Management Certificate (evening course), Dublin Business School, 2023
"""

TEXTS["Lorenzo_Ferri_CV"] = """Lorenzo Ferri
London | lorenzo.ferri@mail.example | 020 7555 0165

# Summary
Restaurant General Manager with 15 years in UK and Italian full-service restaurants, seven as GM. I run restaurants as businesses: tight control of the P&L, a team that stays, and guests who come back. Currently GM of a 160-cover site with GBP 3.6m turnover.

# Experience
General Manager - Trattoria Vesuvio, Covent Garden (Brasca Group) - 2019 to present
- Full P&L responsibility: turnover GBP 3.6m, EBITDA up from 14% to 19% in three years
- Food cost 27%, labour cost 29%; weekly stock counts and GP reporting in Fourth
- Team of 48 front and back of house; recruitment, training, rotas; staff turnover down from 85% to 41%
- Menu development and costing with the Executive Chef
- HACCP, allergen management, 5-star food hygiene rating; Designated Premises Supervisor
- Reviews and guest experience: TripAdvisor ranking top 50 in London; OpenTable bookings up 30%
- Lightspeed EPOS roll-out for the group

Assistant General Manager - Brasca Group, Soho - 2015 to 2019
Restaurant Manager - Osteria del Porto, Genoa - 2011 to 2015
Head Waiter / Supervisor - various, 2008 to 2011

# Skills
- Restaurant management and P&L
- Food and labour cost control, stock control, menu costing
- Team leadership, recruitment and training
- Food safety (Level 3), HACCP, licensing (Personal Licence)
- Lightspeed, Fourth, OpenTable, SevenRooms

# Education
Diploma, Istituto Alberghiero Marco Polo, Genoa, 2008
"""

TEXTS["Ana_Garcia_CV"] = """Ana Garcia
Seville, Spain  -  ana.garcia@mail.example  -  +34 955 550 132

Summary
I am in charge of a busy tapas and grill house in the old town of Seville with 110 seats and 26 workers. I am responsible for everything: the money, the team, the kitchen and the dining room. Eight years in restaurants, the last three as the boss of the place.

Experience
Manager of the house, Casa Triana Brasas, Seville - 2022 - now
- The owner gives me the year plan and I must bring the results: how much we sell, how much we spend in food and in salaries, what stays at the end of the month
- Every week I count what is in the fridges and the store, and I order only what we need so nothing is thrown
- I decide the timetables of all the staff depending how many guests we expect, and I hire and teach the new ones
- With the chef I decide new dishes and calculate the price of each plate
- I am responsible that the kitchen is clean and safe, that we know which dish has nuts or gluten, and that the inspector is happy
- I am on the floor every night at the busy hours, I help serve and I talk with the guests
- I answer the comments on internet and I take care of the regulars
- We pass from 1.1 to 1.5 million euros in sales in two years

Before
Floor supervisor, Casa Triana Brasas - 2019 - 2022
Waitress, several places in Seville and in Brighton (UK) - 2016 - 2019

Studies
Técnico Superior en Dirección de Servicios de Restauración, Seville, 2016
Languages: Spanish, English (good), a little French
"""

TEXTS["samuel_hughes_cv"] = """Samuel Hughes
Cardiff, Wales
samuel.hughes@post.example | 029 2055 0114

Restaurant General Manager | previously 10 years in hotel front office

PROFILE
I run a 130-cover steak and seafood restaurant in Cardiff Bay. I came to restaurants from hotels: ten years on the front desk and as Front Office Manager, working in Opera, managing arrivals, upselling, occupancy, guest reviews and service recovery. In 2021 I moved into F&B and now I run a restaurant and its P&L. I want to stay in restaurant management and run a larger site or a small group.

EXPERIENCE

General Manager - Bayside Grill, Cardiff (2022 - present)
* Own the restaurant P&L: GBP 2.3m turnover, food cost 30%, labour 30%, GP reported weekly
* Team of 34; recruitment, training, rotas against forecast covers
* With the head chef: menu changes, dish costing, waste control, weekly stock take
* Food safety and HACCP, allergens, 5 star hygiene rating; DPS and personal licence holder
* Guest experience: reviews, regulars programme, bookings through OpenTable, upselling wine and sides the way I used to upsell rooms
* On the floor every service

Assistant Restaurant Manager - The Mermaid Quay Hotel restaurant (2021 - 2022)

Front Office Manager - The Mermaid Quay Hotel, Cardiff (2017 - 2021)
* Reception, concierge, night audit and reservations team of 14
* Opera PMS; room allocation, overbooking, occupancy, ADR and RevPAR with revenue manager
* Guest relations, complaint handling, online reviews; housekeeping liaison

Front Desk Agent / Supervisor - Park Plaza style city hotels, Cardiff and Bristol (2011 - 2017)

EDUCATION
HND Hospitality Management, Cardiff Metropolitan University, 2011
Level 3 Food Safety; Personal Licence (APLH)
"""

TEXTS["yuki_fujimoto_cv"] = """YUKI FUJIMOTO
Vancouver, BC | yuki.fujimoto@mail.example | 604-555-0159

GENERAL MANAGER - RESTAURANTS

2023-present  General Manager, Kaze Izakaya (95 seats), Vancouver
- P&L owner, CAD 2.8M sales; prime cost 66% -> 61%
- food, labour, beverage cost; weekly inventory
- 31 FOH/BOH: hiring, training, scheduling (7shifts)
- menu costing w/ chef; FOODSAFE, HACCP, allergens; liquor licence
- Toast POS, OpenTable; Google 4.3 -> 4.7

2020-2023  Assistant GM, Driftwood Kitchen
2017-2020  Server / Bar Lead, Driftwood Kitchen

Diploma Hospitality Mgmt, BCIT 2017
Languages: English, Japanese. Serving It Right certified.
"""

TEXTS["Brendan_Cassidy_CV"] = """Brendan Cassidy
Galway / Westport, Ireland | brendan.cassidy@mail.example | +353 98 555 0190

# In short
I have run the same busy seafood restaurant on the quay in Westport for eleven years. The owners live in Boston and leave the place to me. Every year it makes money, the same people keep working with us, and the same families keep coming back. Twenty years in restaurants in all.

# What I look after
- The money side: each month I show the owners what came in and what went out, and I make sure the food bill and the wages stay where they should
- Buying fish, meat and drink, checking what we have each week and keeping waste down
- The people: 28 in summer and 14 in winter. I take them on, teach them, plan their weeks and keep them
- Sitting with the chef to change the menu and work out what each dish must sell for
- Keeping everything clean and safe, allergy information right, and the inspector satisfied - no problems in eleven years
- The permission to sell drink and the late opening on festival weekends
- Being on the floor at every busy service, greeting regulars and fixing anything that goes wrong
- Answering what people write about us online

# Where I worked
The Quay Fish House, Westport - running the place, 2014 to now
Ardmore House Hotel, Galway - restaurant supervisor, 2009 to 2014
Various bars and restaurants in Galway and London, 2005 to 2009

# Training
Food safety courses through the FSAI and Fáilte Ireland
Leaving Certificate, 2004
"""

TEXTS["Elena_Dragomir_CV"] = """Elena Dragomir
Bucharest, Romania | elena.dragomir@mail.example | +40 21 555 0105

# Profile
Restaurant General Manager since 2024, after seven years in banqueting and event coordination. I planned weddings, gala dinners and conferences - venue set-ups, supplier contracts, event budgets, run of show, on-site management - and I still run our private events. But my job is running the restaurant: its P&L, its team and its guests. I want to grow as a restaurant GM.

# Experience
Restaurant General Manager - Bistro Lipscani (150 covers + events room), Bucharest - 2024 to present
- Own the P&L (EUR 1.9m): food and labour cost targets, GP, weekly stock control
- Lead 32 front and back of house staff; recruitment, training, rotas
- Menu costing with the Head Chef; supplier negotiation for produce and wine
- Food safety and HACCP, allergen documentation; ANSVSA inspections passed
- Guest experience and reviews; grew private dining and event bookings to 22% of revenue
- Restaurant events such as wine dinners and chef's table, planned like I used to plan banquets: budgets, suppliers, timelines

Event Coordinator / Banqueting Coordinator - Palatul Events & Hotel, Bucharest - 2017 to 2024
- Coordinated 120+ events a year: weddings, conferences, gala dinners, 50 to 900 guests
- Client briefs, venue set-up plans, BEOs, event budgets and contracts
- Supplier management: decor, AV, entertainment, photography, transport
- Run of show and on-site event management; post-event reconciliation

# Education
BA Tourism and Hospitality, Academia de Studii Economice, Bucharest, 2016
HACCP Level 3 certificate, 2024

# Languages
Romanian, English, Italian
"""
