import { DEFAULT_MATRIX } from '../matrix';
import { CodeTrie } from './code-trie';
import { classify } from './matter-classifier';
import {
  EARLIER_SET_ASIDE,
  MATTER_LEXICON,
  NOT_THIS,
  OTHER_AUTHORITY,
  SET_ASIDE,
  SET_ASIDE_KEYS,
} from './matter-lexicon.data';

function matters(text: string): string[] {
  const result = classify(text, { matrix: DEFAULT_MATRIX });
  return result.status === 'sure'
    ? result.matches.map((m) => m.matterType).sort()
    : [];
}

describe('classify: wordings nobody listed', () => {
  it.each([
    ['电悌卡在两层中间，里面有人出不来', 'zhijian.elevator-accident'],
    ['消防通到被私家车堵死了', 'gongan.fire-lane-blocking'],
    ['楼道里燃汽味好大', 'gas.leak'],
  ])('puts a common misspelling right: %s', (text, matter) => {
    expect(matters(text)).toContain(matter);
  });

  it('reads full-width letters and punctuation as their plain forms', () => {
    expect(matters('楼下ＫＴＶ半夜鬼哭狼嚎，吵得睡不着！')).toEqual(['gongan.noise-nuisance']);
  });

  it('reads a dialect word as its standard form', () => {
    expect(matters('天然气木有了，交了钱也不来开通')).toContain(
      'gas.supply-repair',
    );
  });

  it('matches a phrase with a particle inside it', () => {
    expect(matters('一楼把外墙上的窗户改成了门')).toEqual([
      'chengguan.facade-alteration',
    ]);
  });

  it('matches a phrase in a dialect form of one of its words', () => {
    expect(matters('物业另外还收啥建渣清运费')).toEqual(['wujia.overcharging']);
  });
});

describe('classify: word families', () => {
  it('knows a dog by its breed', () => {
    expect(matters('对门养了只大金毛，天天不拴，见人就扑')).toEqual([
      'gongan.dog-keeping',
    ]);
  });

  it('reads harm done over an unpaid fee as collection by force', () => {
    expect(
      matters('物业经理带人把俺家车的轮胎扎了，就因为没交停车管理费'),
    ).toEqual(['joint.forced-fee-collection']);
  });

  it('does not read a notice that was never posted as a poster', () => {
    expect(matters('问了三次都不告诉收费标准是多少，墙上也没贴')).toEqual([
      'wujia.fee-disclosure',
    ]);
  });
});

describe('classify: a veto word inside a longer word', () => {
  it('does not read the 动车 of 电动车 as a train outside the estate', () => {
    expect(matters('停车位一下子涨到一百五，电动车充一回电收两块')).toEqual(['wujia.overcharging']);
  });
});

describe('classify: the same words outside an estate', () => {
  it.each([
    '村里的路灯坏了半年没人修',
    '楼下的KTV是商业街上的，营业到凌晨',
    '人民医院收费太贵了，这合理吗',
    '高铁从村边过，晚上噪音大',
    '国道上大货车超载，路都压坏了',
    '房东不退押金',
  ])('does not route "%s" to a unit of the matrix', (text) => {
    expect(matters(text)).toEqual([]);
  });
});

describe('classify: a specific matter explains the broader one', () => {
  it('reads damage done while decorating as (二)1 alone', () => {
    expect(matters('对门装修的工人把公共楼梯扶手砸坏了')).toEqual([
      'zhujian.renovation-encroachment',
    ]);
  });

  it('does not read knocking through a balcony wall as noise', () => {
    expect(matters('楼上天天咚咚咚地砸墙，要把阳台和屋子打通')).toEqual([
      'zhujian.wet-room-conversion',
    ]);
  });

  it('still reads knocking at night as noise', () => {
    expect(matters('楼上半夜咚咚咚的')).toEqual(['gongan.noise-nuisance']);
  });

  it('does not read a feared gas leak as a leak', () => {
    expect(matters('邻居私自把燃气管道挪到阳台上，万一漏了咋整')).toEqual([
      'zhujian.utility-installation-tampering',
    ]);
  });
});

describe('classify: how a report is framed', () => {
  it('does not read the hotline framing 来电 as power coming back', () => {
    expect(
      matters('市民来电称小区内有住户散养大型犬，未拴绳，诉求：处理。'),
    ).toEqual(['gongan.dog-keeping']);
  });

  it('still reads power coming back late as a power matter', () => {
    expect(matters('昨天停电到现在还没来电')).toEqual(['power.supply-repair']);
  });

  it('routes nothing when the framing is all there is', () => {
    expect(matters('来电人咨询：户口迁移手续怎么办。')).toEqual([]);
  });
});

describe('classify: several matters in one message', () => {
  it('keeps a broader matter that has a sentence of its own', () => {
    expect(
      matters('小区保安晚上不巡逻，门口谁都能进；还有个外地人挨家收保护费'),
    ).toEqual(['gongan.crime', 'property.order-security']);
  });

  it('does not split one matter told in several sentences', () => {
    expect(matters('开发商不按规划多盖了两层。这就是违建，请查处')).toEqual([
      'guihua.construction-violation',
    ]);
  });

  it('still explains the broader matter away in the same sentence', () => {
    expect(matters('小区里有人打架，保安也不管')).toEqual(['gongan.crime']);
  });

  it('keeps what a clause told before another act is added with 还', () => {
    expect(matters('自来水停了两天了，物业还另外每户收了一笔加压费')).toEqual([
      'water.supply-repair',
      'wujia.overcharging',
    ]);
  });

  it('keeps a general service complaint of its own sentence when several matters are announced', () => {
    const text = '两个事：楼上天天半夜唱歌；物业电话也打不通，报修没人来。';
    expect(matters(text)).toEqual(['gongan.noise-nuisance', 'property.service-complaint']);
    expect(matters(text.replace('两个事：', ''))).toEqual(['gongan.noise-nuisance']);
  });

  it('keeps a general service complaint the resident turns to with 而且', () => {
    const text = '楼上天天半夜唱歌，吵得睡不着。而且物业客服态度那叫一个差，报修没人回话。';
    expect(matters(text)).toEqual(['gongan.noise-nuisance', 'property.service-complaint']);
    expect(matters(text.replace('而且', ''))).toEqual(['gongan.noise-nuisance']);
  });

  it('keeps a broader matter of its own sentence when the resident says there are many problems', () => {
    const text = '俺们小区问题挺多：维修基金让人挪用了；到现在也没成立业主大会，大伙想成立又没人牵头。';
    expect(matters(text)).toEqual(['township.owners-assembly', 'xiaoquban.maintenance-fund']);
    // Nor announced nor set apart as an item of a list: one account.
    expect(matters(text.replace('问题挺多', '的事').replace('；', '，'))).toEqual([
      'xiaoquban.maintenance-fund',
    ]);
    expect(matters(text.replace('问题挺多', '的事'))).toEqual([
      'township.owners-assembly',
      'xiaoquban.maintenance-fund',
    ]);
  });

  it('tells broadband down from a television without signal, in one sentence or apart', () => {
    expect(matters('家里宽带断了，有线电视也没信号了')).toEqual([
      'cable-tv.service-repair',
      'telecom.service-repair',
    ]);
    expect(matters('有线电视没信号了，满屏雪花')).toEqual(['cable-tv.service-repair']);
  });

  it('reads the thing named in one sentence with what the next says was done to it, when nothing else is found', () => {
    expect(matters('小区后头有条小路，大伙天天走。前些日子叫一户人家砌了个院墙，给圈进去了。')).toEqual([
      'chengguan.shared-space-construction',
    ]);
    expect(matters('前些日子叫一户人家砌了个院墙，给圈进去了。')).toEqual([]);
  });

  it('reads each numbered item of a list as a sentence of its own, but not a decimal', () => {
    expect(matters('两个事：1.楼道灯坏了半个月 2.二次供水出来的水发黄')).toEqual([
      'property.facility-repair',
      'water.supply-repair',
    ]);
    expect(matters('物业费从0.6涨到1.2元')).toEqual(['wujia.overcharging']);
  });

  it('keeps the one matter told before an added act that vetoes it and tells nothing itself', () => {
    expect(matters('停水三天了，物业还另外提了加压费的事')).toEqual(['water.supply-repair']);
  });

  it('does not read the consequence an added clause tells as a matter of its own', () => {
    expect(matters('收废品的在楼后头堆了一大片旧家具，还招老鼠')).toEqual([
      'huanwei.recycling-and-burning',
    ]);
  });
});

describe('CodeTrie.scan with particles', () => {
  const trie = new CodeTrie<string>();
  trie.setValue(trie.insert('改成门'), 'w');
  const particles = new Uint8Array(0x10000);
  particles['了'.charCodeAt(0)] = 1;
  const found = (text: string, skip?: Uint8Array) => {
    const out: [number, number][] = [];
    trie.scan(text, (s, e) => out.push([s, e]), skip);
    return out;
  };

  it('runs over a particle inside a word, once', () => {
    expect(found('把窗改成了门', particles)).toEqual([[2, 6]]);
  });

  it('does not run over particles unless asked', () => {
    expect(found('把窗改成了门')).toEqual([]);
  });

  it('does not run over other characters', () => {
    expect(found('改成大门', particles)).toEqual([]);
  });
});

describe('classify: what the resident sets aside', () => {
  it('has a first test that lets every set-aside expression through', () => {
    const keys = new RegExp(SET_ASIDE_KEYS.join('|'));
    for (const expression of [...EARLIER_SET_ASIDE, ...SET_ASIDE, ...NOT_THIS, ...OTHER_AUTHORITY]) {
      expect({ expression, keyed: keys.test(expression) }).toEqual({ expression, keyed: true });
    }
  });

  it('drops a matter the resident says they put up with', () => {
    expect(matters('楼下那狗天天叫我都忍了，今天说的是物业费一声不吭涨了一倍')).toEqual([
      'wujia.overcharging',
    ]);
  });

  it('drops what follows a "不是…的问题" but keeps the rest of the sentence', () => {
    expect(matters('不是噪音的问题，对门把连着阳台的那堵墙整个砸了')).toEqual([
      'zhujian.wet-room-conversion',
    ]);
    expect(matters('暖气不是不热的事，是压根儿就没来，屋里冰凉')).toEqual([
      'heating.supply-repair',
    ]);
  });

  it('drops a matter the resident says is nothing much', () => {
    expect(matters('他家的狗倒是拴着的，不算啥，俺说的是楼底下养了一群鸡鸭鹅')).toEqual([
      'huanwei.livestock',
    ]);
  });

  it('drops an earlier matter the resident says is done with', () => {
    expect(matters('前两年楼道灯坏了物业修得挺快，这个不说了。现在暖气不热，屋里冻得睡不着')).toEqual([
      'heating.supply-repair',
    ]);
  });

  it('drops a matter set aside at the end of its clause, looking back', () => {
    expect(matters('狗叫的事先不说，俺主要反映楼上那家在楼顶盖了一间房')).toEqual([
      'chengguan.rooftop-construction',
    ]);
    expect(matters('楼上阳台改了厨房，这个俺先不说了，主要是他在楼顶又加了一层彩钢房')).toEqual([
      'chengguan.rooftop-construction',
    ]);
  });

  it('reads slang for the estate company and the owners committee', () => {
    expect(matters('ywh任期早到了 一直拖着不换届')).toEqual(['township.owners-assembly']);
    expect(matters('wy催费催疯了 天天派人来敲门威胁说不交就别想好过')).toEqual([
      'joint.forced-fee-collection',
    ]);
  });

  it('drops what is mentioned in passing only when the resident sets it aside', () => {
    expect(matters('物业经理态度太差，问事就说有本事你告去。顺带说一句，楼下那条狗晚上也叫，不过我们自己会说')).toEqual([
      'property.service-complaint',
    ]);
    expect(matters('物业经理态度太差，问事就说有本事你告去。顺带说一句，楼下那条狗晚上也叫，不过那个我们自己沟通了')).toEqual([
      'property.service-complaint',
    ]);
    expect(matters('小区早上又停水了，到现在没来。顺带说一句，家里宽带也断了两天，一块报修吧')).toEqual([
      'telecom.service-repair',
      'water.supply-repair',
    ]);
  });

  it('keeps a dispute told apart beside a department\'s matter', () => {
    const text = '反映两个问题。第一，物业说我家欠两年物业费，可我早就交了，收据都在，他们不认，想请镇上调解。第二，楼上住户天天夜里吵，吵得睡不着';
    expect(matters(text)).toEqual(['gongan.noise-nuisance', 'township.dispute-mediation']);
    // A dispute over the department's own matter is the department's.
    expect(matters('楼上把阳台改成了厨房，两家为这事吵了好几回，想请镇上调解')).toEqual([
      'zhujian.wet-room-conversion',
    ]);
  });

  it('reads each item of a list set apart by semicolons', () => {
    expect(
      matters('小区里有户人家在空地上养了二十来只鸡，气味很大；这家还养了一条大黄狗，天天夜里叫个不停'),
    ).toEqual(['gongan.noise-nuisance', 'huanwei.livestock']);
  });

  it('keeps a repair asked for and not made with the matter it was asked for', () => {
    expect(matters('停电一上午了；另外家里宽带坏了一个星期，报修也没人来')).toEqual([
      'power.supply-repair',
      'telecom.service-repair',
    ]);
  });

  it('reads a second thing told as wrong too in a clause of its own', () => {
    expect(matters('暖气不热，楼道也没人扫，都一个月了')).toEqual([
      'heating.supply-repair',
      'property.cleaning',
    ]);
    // What happened to the thing is told before 也: one matter.
    expect(matters('宿舍的保洁阿姨好几个礼拜没来了，厕所堵了也没人通')).toEqual(['property.cleaning']);
  });

  it('leaves a wage dispute to a person, whoever the employer is', () => {
    expect(matters('我在小区当保安，物业公司拖欠我三个月工资')).toEqual([]);
  });

  it('reads what the estate\'s unpaid staff left undone, told in clauses of their own', () => {
    expect(matters('保安说物业三个月没给他们发工资，不干了，现在门岗一个人都没有，晚上大门敞着')).toEqual([
      'property.order-security',
    ]);
  });

  it('reads the clauses before the estate staff\'s wages too', () => {
    expect(matters('物业贴了个通知，说亏本了，下月起不干了，保安说公司还欠他们工资')).toEqual([
      'xiaoquban.company-withdrawal',
    ]);
  });

  it('reads what the resident turns to after setting the wages aside', () => {
    expect(matters('施工队欠工资那是另一回事，我要说的是：房子还没验收，开发商就催着我们收房入住了')).toEqual([
      'zhujian.delivery-without-acceptance',
    ]);
  });

  it('still reads a matter told in another sentence than the wages', () => {
    expect(matters('装修老板欠了俺们工钱。小区保安晚上睡觉，从来不巡逻')).toEqual([
      'property.order-security',
    ]);
  });
});

describe('classify: general service complaints', () => {
  it('finds a complaint about the estate company as a whole', () => {
    expect(matters('物业电话永远打不通，报修了没人来，去办公室人家爱答不理')).toEqual([
      'property.service-complaint',
    ]);
  });

  it('lets a specific matter stand alone when the company is blamed in passing', () => {
    expect(matters('顶楼那家在楼顶加盖了一间房，物业不管事')).toEqual([
      'chengguan.rooftop-construction',
    ]);
  });
});

describe('classify: utility bills', () => {
  it.each([
    ['这个月电费咋这么多，想查查抄表读数', 'power.billing'],
    ['水费怎么这么高，比上个月翻倍了', 'water.billing'],
    ['燃气费咋这么多，想核对一下', 'gas.billing'],
  ])('sends a question about the bill to the utility: %s', (text, matter) => {
    expect(matters(text)).toEqual([matter]);
  });

  it('keeps an estate company marking up the bill with the price office', () => {
    expect(matters('物业代收电费每度加价两毛')).not.toContain('power.billing');
  });
});

describe('classify: disputes', () => {
  it('gives a dispute between owners and their estate company to the township, not to the company', () => {
    expect(matters('物业和业主为了小区大门装道闸的事闹得不可开交，想请镇上出面协调一下')).toEqual([
      'township.dispute-mediation',
    ]);
  });

  it('leaves a dispute over a department matter to that department', () => {
    expect(matters('一楼业主不坐电梯也被收电梯费，跟物业争了一年，希望物价部门给调解一下这个收费纠纷')).toEqual([
      'wujia.related-dispute',
    ]);
    // Asked of nobody in particular, a fee quarrel with the company is the township's.
    expect(matters('楼里住户跟物业为了电梯费吵了好几个月，物业说都得交，能不能给调解一下')).toEqual([
      'township.dispute-mediation',
    ]);
  });

  it('takes the department the resident asks for when no other matter is named', () => {
    expect(matters('楼上装修把卫生间防水层凿了，俺家顶子漏了，跟他商量他不认，希望住建部门来看看、调解一下')).toEqual([
      'zhujian.related-dispute',
    ]);
  });
});

describe('classify: a clause that turns to another matter', () => {
  it('keeps the other matter out of the first one\'s blockers and suppressions', () => {
    // The factory in the first clause would veto burning; after 这还不算 it does not.
    expect(matters('小区东边那个橡胶厂天天冒黑烟，这还不算，收废品的还在墙根底下烧电线皮子').sort()).toEqual([
      'huanbao.industrial-pollution',
      'huanwei.recycling-and-burning',
    ]);
    expect(matters('家里宽带又断了，路由器灯一直红着；顺便说下有线电视也没信号').sort()).toEqual([
      'cable-tv.service-repair',
      'telecom.service-repair',
    ]);
  });

  it('does not turn where the clause points back at the first matter', () => {
    expect(matters('地下人防工程让人隔成小间租出去住人了，还有人在里面开麻将馆')).toEqual([
      'joint.civil-defence-encroachment',
    ]);
  });
});

describe('classify: a crime beside the estate\'s failing security', () => {
  it('keeps the estate company\'s security duty when a sentence of its own blames the company', () => {
    expect(matters('车棚里电动车又被偷了一辆。物业的监控坏了半年一直不修').sort()).toEqual([
      'gongan.crime',
      'property.order-security',
    ]);
  });

  it('keeps it in the sentence of the theft when the company is named', () => {
    expect(matters('车棚里的电动车被偷了两辆，去调监控，物业说监控早坏了').sort()).toEqual([
      'gongan.crime',
      'property.order-security',
    ]);
  });

  it('lets the crime alone stand when the camera is only part of its telling', () => {
    expect(matters('车棚里电动车又被偷了一辆，监控也坏了')).toEqual(['gongan.crime']);
  });

  it('lets damage alone stand in its own sentence: the repair follows from it', () => {
    expect(matters('单元门禁让人踹坏了，物业说他们没执法权只能报警')).toEqual(['gongan.property-damage']);
  });
});

describe('classify: 而且 turning to the estate company', () => {
  it('keeps rude customer service beside the matter told before it', () => {
    expect(matters('暖气不热，这个是一方面，而且物业客服态度特别差').sort()).toEqual([
      'heating.supply-repair',
      'property.service-complaint',
    ]);
  });
});

describe('classify: damage done by a neighbour\'s decoration', () => {
  it('sends the quarrel over it to 住建, whose matter decoration is', () => {
    expect(matters('楼上装修砸墙，把我家客厅顶棚震出好几道裂缝，找他赔他不认，吵了好几回了')).toEqual([
      'zhujian.related-dispute',
    ]);
  });
});

describe('classify: the estate company\'s service desk', () => {
  it('keeps the desk\'s conduct beside the fault the resident called about', () => {
    expect(matters('停水一整天了，打物业电话，客服不光一问三不知，还嫌我烦直接挂了').sort()).toEqual([
      'property.service-complaint',
      'water.supply-repair',
    ]);
  });

  it('leaves a utility\'s own service desk to the utility', () => {
    expect(matters('家里宽带断了三天了，打客服说给报修了，到现在也没人来')).toEqual([
      'telecom.service-repair',
    ]);
  });
});

describe('classify: one-character words the tokenizer cuts', () => {
  it('counts a word in its own list item, though the tokenizer read the items as one run', () => {
    const result = classify('1.路面塌了个坑2.电梯摄像头坏了', { matrix: DEFAULT_MATRIX });
    const words = (code: string) => result.matches.find((m) => m.matterType === code)?.matched ?? [];
    expect(words('property.elevator-running')).toContain('坏');
    expect(words('property.facility-repair')).not.toContain('坏');
  });
});

describe('classify: a second thing that is wrong too', () => {
  it('keeps a matter told in a sentence of its own with 也 beside the first', () => {
    expect(matters('暖气不热，十五度都不到；楼道也好多天没人打扫了').sort()).toEqual([
      'heating.supply-repair',
      'property.cleaning',
    ]);
  });

  it('does not keep what follows from the company having left', () => {
    expect(matters('物业一声不吭就撤走了！垃圾也没人收了')).toEqual(['xiaoquban.company-withdrawal']);
  });
});

describe('the lexicon', () => {
  it('lists each word once in each list', () => {
    const repeated: string[] = [];
    for (const [code, lexicon] of Object.entries(MATTER_LEXICON)) {
      const lists = [
        lexicon.phrases,
        lexicon.weak,
        lexicon.blockers,
        lexicon.suppresses,
        ...(lexicon.combos ?? []).flat(),
      ];
      for (const list of lists) {
        for (const [i, word] of (list ?? []).entries()) {
          if ((list ?? []).indexOf(word) !== i) repeated.push(`${code}: ${word}`);
        }
      }
    }
    expect(repeated).toEqual([]);
  });
});
